#!/usr/bin/python3
"""A stand-in for the desktop's notification server, for tests/remind.rs.

It owns org.freedesktop.Notifications on the session bus, appends each Notify call as one
line of JSON to the file named first, and answers with an id: the one to replace, or a new
one. Once the name is owned it makes the file named second, so a test waits for that file,
never for a time. It stops when the bus goes away or it is killed.
"""
import json
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

INTERFACE = "org.freedesktop.Notifications"
LOG, READY = sys.argv[1], sys.argv[2]


class Server(dbus.service.Object):
    last_id = 41

    @dbus.service.method(INTERFACE, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app_name, replaces_id, icon, summary, body, actions, hints, timeout):
        if replaces_id == 0:
            Server.last_id += 1
        call = {
            "app_name": str(app_name),
            "replaces_id": int(replaces_id),
            "summary": str(summary),
            "body": str(body),
            "hints": {str(key): int(value) if isinstance(value, (int, dbus.Byte)) else str(value)
                      for key, value in hints.items()},
            "timeout": int(timeout),
        }
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps(call) + "\n")
        return replaces_id or Server.last_id

    @dbus.service.method(INTERFACE, out_signature="ssss")
    def GetServerInformation(self):
        return ("fake-notifications", "backcare tests", "1.0", "1.2")

    @dbus.service.method(INTERFACE, out_signature="as")
    def GetCapabilities(self):
        return ["body", "body-markup"]


DBusGMainLoop(set_as_default=True)
bus = dbus.SessionBus()
name = dbus.service.BusName(INTERFACE, bus)
Server(bus, "/org/freedesktop/Notifications")
open(READY, "w").close()
GLib.MainLoop().run()

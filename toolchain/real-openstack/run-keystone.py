#!/usr/bin/python3
"""Serve Keystone's WSGI application (public == admin API since v2 was removed) with a
thread-per-request wsgiref server on 127.0.0.1. For tests, not production.

Config files: $OS_KEYSTONE_CONFIG_DIR/{$OS_KEYSTONE_CONFIG_FILES} (set by start.sh).
Access log on stderr.
"""
import argparse
import os
import socketserver
import sys
import time
import wsgiref.simple_server as wss

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
args = p.parse_args()
sys.argv[1:] = []  # keystone's oslo.config must not see our arguments
try:
    os.setsid()  # own session: not killed with the shell that started it
except OSError:
    pass

t0 = time.time()
from keystone.server.wsgi import initialize_public_application  # noqa: E402

app = initialize_public_application()


class Server(socketserver.ThreadingMixIn, wss.WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # listen backlog (default 5)


class Handler(wss.WSGIRequestHandler):
    def log_message(self, fmt, *a):
        sys.stderr.write("%s - %s\n" % (self.log_date_time_string(), fmt % a))


srv = wss.make_server("127.0.0.1", args.port, app, server_class=Server, handler_class=Handler)
print("keystone loaded in %.2fs, listening on http://127.0.0.1:%d/v3" % (time.time() - t0, args.port), flush=True)
srv.serve_forever()

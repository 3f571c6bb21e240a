"""A tiny stand-in for the few Elasticsearch endpoints the index rebuild uses, recording every request, so the
real client's requests can be checked offline. Not a search engine: searches are not supported."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class StubCluster:
    def __init__(self):
        self.requests = []
        self.aliases = {}  # alias -> set of index names
        self.indices = {}  # index name -> list of documents
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        cluster = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, status, body=None):
                payload = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            def _body(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                if self.path.split("?")[0].endswith("/_bulk"):
                    return [json.loads(line) for line in raw.splitlines() if line.strip()]
                return json.loads(raw) if raw else None

            def _handle(self):
                path = self.path.split("?")[0]
                body = self._body()
                cluster.requests.append((self.command, path, body))
                parts = [p for p in path.split("/") if p]
                if self.command == "GET" and not parts:
                    return self._reply(200, {"version": {"number": "8.19.0"}, "tagline": "You Know, for Search"})
                if parts[:1] == ["_index_template"]:
                    return self._reply(200, {"acknowledged": True})
                if parts == ["_bulk"]:
                    for action, source in zip(body[::2], body[1::2], strict=True):
                        cluster.indices.setdefault(action["index"]["_index"], []).append(source)
                    return self._reply(200, {"errors": False, "took": 1, "items": []})
                if parts == ["_aliases"]:
                    for action in body["actions"]:
                        for verb, spec in action.items():
                            if verb == "remove_index":  # a plain index named like the alias, deleted in the swap
                                cluster.indices.pop(spec["index"], None)
                                continue
                            names = cluster.aliases.setdefault(spec["alias"], set())
                            (names.add if verb == "add" else names.discard)(spec["index"])
                    return self._reply(200, {"acknowledged": True})
                if len(parts) == 2 and parts[0] == "_alias":
                    names = cluster.aliases.get(parts[1])
                    if self.command == "HEAD":
                        return self._reply(200 if names else 404)
                    return self._reply(200, {name: {"aliases": {parts[1]: {}}} for name in names or ()})
                if len(parts) == 2 and parts[1] == "_refresh":
                    return self._reply(200, {"_shards": {"total": 1, "successful": 1, "failed": 0}})
                if len(parts) == 1 and self.command == "HEAD":
                    return self._reply(200 if parts[0] in cluster.indices else 404)
                if len(parts) == 1 and self.command == "PUT":
                    cluster.indices[parts[0]] = []
                    return self._reply(200, {"acknowledged": True, "index": parts[0]})
                if len(parts) == 1 and self.command == "DELETE":
                    cluster.indices.pop(parts[0], None)
                    return self._reply(200, {"acknowledged": True})
                return self._reply(400, {"error": f"stub: unsupported {self.command} {path}"})

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _handle

        return Handler

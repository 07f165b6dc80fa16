#!/usr/bin/env python3
"""Regenerates the seed corpora in tests/fuzz/corpus/<target>/ from real protocol frames.

Sources: the request and response lines of docs/protocol.md's example exchange, the JSON literals
the protocol, chat, presence and safety tests send (placeholders filled in, params-only literals
wrapped in a request for the method whose documented params they use), one valid request per method,
and a few names for the field rules. Files are named by content hash, so reruns are stable.
Usage: tests/fuzz/make_corpus.py   (run from anywhere; rewrites the corpus directories)
"""
import hashlib
import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fuzz" / "corpus"
TOKEN = "q9" + "A" * 41
CONV = "c_" + "A" * 22
USER = "u_" + "B" * 22

# method -> a valid params object (docs/protocol.md section 5).
METHODS = {
    "auth.register": {"username": "alice", "display_name": "Alice", "password": "correct horse",
                      "device_name": "Laptop"},
    "auth.login": {"username": "alice", "password": "correct horse", "device_name": "Laptop"},
    "auth.resume": {"token": TOKEN},
    "auth.logout": {},
    "sessions.list": {},
    "sessions.revoke": {"session_id": "s_" + "C" * 22},
    "sessions.revoke_others": {},
    "messages.send": {"to_username": "bob", "client_message_id": "cm-1", "type": "text",
                      "body": "Hello Bob"},
    "conversations.create_group": {"name": "Team", "member_ids": [USER], "client_message_id": "g-1",
                                   "type": "photo", "body": "",
                                   "meta": {"ref": "r1", "name": "a.png", "size": 12,
                                            "mime": "image/png"}},
    "conversations.add_members": {"conversation_id": CONV, "member_ids": [USER]},
    "conversations.remove_member": {"conversation_id": CONV, "member_id": USER},
    "conversations.rename": {"conversation_id": CONV, "name": "Renamed"},
    "conversations.leave": {"conversation_id": CONV},
    "conversations.get": {"conversation_id": CONV},
    "conversations.list": {"limit": 20},
    "messages.history": {"conversation_id": CONV, "before_seq": 10, "limit": 50},
    "sync": {"cursors": {CONV: 3}, "limit_per_conversation": 100},
    "contacts.recent": {},
    "users.search": {"query": "bo", "limit": 10},
    "presence.get": {"user_ids": [USER]},
    "conversations.mark_read": {"conversation_id": CONV, "seq": 7},
    "conversations.mark_delivered": {"conversation_id": CONV, "seq": 7},
    "typing.set": {"conversation_id": CONV, "typing": True},
    "conversations.accept": {"conversation_id": CONV},
    "conversations.mute": {"conversation_id": CONV, "muted": True},
    "users.block": {"user_id": USER},
    "users.unblock": {"user_id": USER},
    "users.blocked": {},
}
# Optional params the valid examples above leave out.
EXTRA_KEYS = {"messages.send": {"to_user_id", "conversation_id", "meta"},
              "messages.history": {"after_seq"}, "conversations.list": {"cursor"}}
NAMES = ["alice", "Alice ", "  Ünïcödé Näme ", "a\u0000b", "tab\there", "x" * 65, "\U0001F600" * 64,
         "\u2028", "ab", "_alice", "bob.smith-1", "\ufeffzero", ""]


def fill(literal):
    """Replaces the tests' placeholders (%1, $CMID, $LONG:n, ...) with plausible values."""
    literal = re.sub(r"\$LONG:(\d+)", lambda m: "x" * int(m.group(1)), literal)
    literal = re.sub(r"%\d", "x" * 65, literal)
    for name, value in {"$CMID": "cm-7", "$BOB": USER, "$P": CONV, "$G": CONV, "$ME": USER,
                        "$TOKEN": TOKEN}.items():
        literal = literal.replace(name, value)
    return re.sub(r"\$[A-Z_]+", "x", literal)


def method_for(params):
    """The first method whose documented params include every key given."""
    keys = set(params)
    for method, valid in METHODS.items():
        if keys and keys <= set(valid) | EXTRA_KEYS.get(method, set()):
            return method
    return "messages.send"


def frames_from_tests():
    sources = [p for d in ("integration", "chat", "presence", "safety")
               for p in sorted((ROOT / "tests" / d).glob("*.cpp"))]
    for path in sources:
        for literal in re.findall(r'R"\((\{.*?\})\)"', path.read_text()):
            text = fill(literal)
            try:
                value = json.loads(text)
            except ValueError:
                yield text  # deliberately broken frames are seeds too
                continue
            if isinstance(value, dict) and "method" not in value and "id" not in value:
                text = json.dumps({"id": "t1", "method": method_for(value), "params": value},
                                  ensure_ascii=False)
            yield text


def frames_from_docs():
    for line in (ROOT / "docs" / "protocol.md").read_text().splitlines():
        match = re.match(r"^[→←] (\{.*\})$", line) or re.match(r"^(\{\"(?:id|event)\".*\})$", line)
        if match:
            yield match.group(1).replace("…", "x")


def valid_requests():
    for number, (method, params) in enumerate(METHODS.items(), start=1):
        yield json.dumps({"id": number, "method": method, "params": params}, ensure_ascii=False)
    yield json.dumps({"id": "r1", "method": "no.such.method"})


def write(target, inputs):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.name.startswith("seed-"):
            old.unlink()
    unique = {s.encode("utf-8", "surrogatepass") for s in inputs}
    for data in sorted(unique):
        (folder / ("seed-" + hashlib.sha1(data).hexdigest()[:16])).write_bytes(data)
    print(f"{target}: {len(unique)} seeds")


def main():
    frames = list(frames_from_docs()) + list(frames_from_tests()) + list(valid_requests())
    write("codec", frames)
    write("server_frames", frames)
    write("validation", frames + NAMES + [json.dumps({"display_name": n}, ensure_ascii=False)
                                          for n in NAMES])


if __name__ == "__main__":
    main()

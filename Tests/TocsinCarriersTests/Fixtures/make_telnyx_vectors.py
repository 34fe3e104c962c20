#!/usr/bin/env python3
"""Writes telnyx-signature-vectors.json next to this file: Telnyx webhook signatures checked by Telnyx's
own Python library.

Each case is signed here with PyNaCl (Ed25519, a fixed made-up seed), then judged by the `telnyx`
package's `verify_webhook_signature` (telnyx/lib/webhook_verification.py) at a fixed "now"; the verdict
goes in the file. The Swift tests (TelnyxSignatureTests) assert that TelnyxSignature gives the same verdict
for every case. The key, numbers and ids are made up.

How to re-run:

    python3.11 -m venv /tmp/telnyxenv
    /tmp/telnyxenv/bin/pip install telnyx==4.189.0 pynacl==1.6.2
    /tmp/telnyxenv/bin/python Tests/TocsinCarriersTests/Fixtures/make_telnyx_vectors.py
"""

import base64
import json
import os
import time
from importlib.metadata import version
from unittest import mock

from nacl.signing import SigningKey
from telnyx.lib.webhook_verification import WebhookVerificationError, verify_webhook_signature

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "telnyx-signature-vectors.json")

SEED = bytes(range(32))  # made up
NOW = 1_790_000_000
signing = SigningKey(SEED)
other = SigningKey(bytes(range(1, 33)))
public_key = base64.b64encode(bytes(signing.verify_key)).decode()


def body(event_type, text="STOP", status=None):
    payload = {"id": "b0c8e1e2-0000-4000-8000-000000000001", "direction": "inbound", "text": text,
               "from": {"phone_number": "+12125550401"}, "to": [{"phone_number": "+14155550100"}]}
    if status:
        payload["to"][0]["status"] = status
    return json.dumps({"data": {"event_type": event_type, "id": "evt-1", "payload": payload,
                                "record_type": "event"}, "meta": {"attempt": 1}}, separators=(",", ":"))


def sign(key, timestamp, raw):
    return base64.b64encode(key.sign(f"{timestamp}|{raw}".encode()).signature).decode()


cases = []


def case(name, raw, timestamp, signature):
    headers = {}
    if signature is not None:
        headers["telnyx-signature-ed25519"] = signature
    if timestamp is not None:
        headers["telnyx-timestamp"] = timestamp
    with mock.patch.object(time, "time", return_value=float(NOW)):
        try:
            verify_webhook_signature(raw, headers, public_key)
            valid = True
        except WebhookVerificationError:
            valid = False
    cases.append({"name": name, "body": raw, "timestamp": timestamp, "signature": signature, "valid": valid})


inbound = body("message.received")
receipt = body("message.finalized", text="Alert", status="delivered")
ts = str(NOW)
case("inbound, signed now", inbound, ts, sign(signing, ts, inbound))
case("receipt, signed now", receipt, ts, sign(signing, ts, receipt))
case("unicode body", body("message.received", text="取消 arrêt"), ts, sign(signing, ts, body("message.received", text="取消 arrêt")))
case("empty body", "", ts, sign(signing, ts, ""))
case("body tampered", inbound.replace("STOP", "STAR"), ts, sign(signing, ts, inbound))
case("timestamp tampered", inbound, str(NOW - 1), sign(signing, ts, inbound))
case("signed by another key", inbound, ts, sign(other, ts, inbound))
case("signature truncated", inbound, ts, sign(signing, ts, inbound)[:-8])
case("signature of 63 bytes", inbound, ts, base64.b64encode(bytes(63)).decode())
case("signature missing", inbound, ts, None)
case("timestamp missing", inbound, None, sign(signing, ts, inbound))
case("timestamp empty", inbound, "", sign(signing, "", inbound))
case("timestamp not a number", inbound, "yesterday", sign(signing, "yesterday", inbound))
for offset in (-301, -300, -299, 299, 300, 301, -86400):
    stamp = str(NOW + offset)
    case(f"timestamp {offset:+d} s", inbound, stamp, sign(signing, stamp, inbound))
case("trailing newline added to body", inbound + "\n", ts, sign(signing, ts, inbound))

with open(OUT, "w", encoding="utf-8") as f:
    json.dump({"generator": "make_telnyx_vectors.py", "telnyx": version("telnyx"), "pynacl": version("pynacl"),
               "now": NOW, "public_key": public_key, "cases": cases}, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases to {OUT}")

#!/usr/bin/env python3
"""Writes twilio-signature-vectors.json next to this file from Twilio's own Python helper library.

The Swift tests (TwilioSignatureTests, TwiMLTests) assert that TocsinCarriers gives the same answers as
the helper library for every case in the JSON file. Every token, SID, phone number and host in here is
made up; none of them is a real credential.

How to re-run (the results depend on the pinned versions, so keep them):

    python3.11 -m venv /tmp/twilio/venv
    /tmp/twilio/venv/bin/pip install twilio==9.13.0        # pulls multidict, used below for repeated names
    /tmp/twilio/venv/bin/python Tests/TocsinCarriersTests/Fixtures/make_twilio_vectors.py

Generated with twilio 9.13.0 on CPython 3.11.7. The URL handling of RequestValidator.validate() goes
through urllib.parse, whose corner cases change between Python versions, so use 3.11 to reproduce the
file byte for byte.

Parameters are passed to the library as a multidict.MultiDict (the kind of multi-valued mapping Flask
and aiohttp hand over), so repeated parameter names reach the library's getall() path, as they would in
a real web application.
"""

import json
import os
import platform
import sys
from importlib.metadata import version
from urllib.parse import urlparse

from multidict import MultiDict
from twilio.request_validator import (
    RequestValidator,
    add_port,
    get_signature_algorithm,
    remove_port,
)
from twilio.twiml.messaging_response import MessagingResponse

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "twilio-signature-vectors.json")

TOKEN_A = "0123456789abcdef0123456789abcdef"  # made up
TOKEN_B = "fedcba9876543210fedcba9876543210"  # made up
TOKEN_C = "tocsin-test-token-not-a-real-secret-ÿ€"  # made up, non-ASCII on purpose
OTHER_TOKEN = "00000000000000000000000000000000"  # made up

BASE = "https://tocsin.example.org/webhooks/twilio/sms"
ACCOUNT = "AC00000000000000000000000000000001"
SERVICE = "MG00000000000000000000000000000002"


def sms(body, sid="SM00000000000000000000000000000003", **extra):
    """A typical inbound SMS webhook, in the order Twilio posts the fields."""
    fields = [
        ("ToCountry", "US"),
        ("ToState", "CA"),
        ("SmsMessageSid", sid),
        ("NumMedia", "0"),
        ("ToCity", ""),
        ("FromZip", ""),
        ("SmsSid", sid),
        ("FromState", ""),
        ("SmsStatus", "received"),
        ("FromCity", ""),
        ("Body", body),
        ("FromCountry", "FR"),
        ("To", "+15555550100"),
        ("MessagingServiceSid", SERVICE),
        ("ToZip", ""),
        ("NumSegments", "1"),
        ("MessageSid", sid),
        ("AccountSid", ACCOUNT),
        ("From", "+33700000001"),
        ("ApiVersion", "2010-04-01"),
    ]
    fields.extend(extra.items())
    return fields


def tamper(signature):
    first = "B" if signature[:1] == "A" else "A"
    return first + signature[1:]


def safe_validate(validator, url, params, signature, algorithm=None):
    """validate() raises on some URLs (bad port, bad IPv6); a webhook must then be refused."""
    try:
        return bool(validator.validate(url, params, signature, algorithm)), False
    except Exception:  # noqa: BLE001 - any exception means "not valid" for us
        return False, True


def toggled_url(url):
    """The URL with its port removed when it has one, or the scheme's default port added."""
    try:
        parsed = urlparse(url)
        return remove_port(parsed) if parsed.port else add_port(parsed)
    except ValueError:
        return None


def form_case(name, url, params, token=TOKEN_A, algorithm=None, note=None, swift_rejects=False, signed_url=None):
    """One form-encoded webhook; `signed_url` (default: `url`) is the URL the signature is computed over."""
    validator = RequestValidator(token)
    md = MultiDict(params)
    sign_url = signed_url if signed_url is not None else url
    signature = validator.compute_signature(sign_url, md, algorithm)
    valid, raised = safe_validate(validator, url, md, signature, algorithm)
    tampered = tamper(signature)
    case = {
        "name": name,
        "authToken": token,
        "algorithm": algorithm or "HMAC_SHA1",
        "url": url,
        "signedURL": sign_url,
        "params": [list(p) for p in params],
        "signature": signature,
        "valid": valid,
        "validateRaised": raised,
        "tamperedSignature": tampered,
        "tamperedValid": safe_validate(validator, url, md, tampered, algorithm)[0],
    }
    other = RequestValidator(OTHER_TOKEN).compute_signature(sign_url, md, algorithm)
    case["otherToken"] = OTHER_TOKEN
    case["otherTokenSignature"] = other
    case["otherTokenValid"] = safe_validate(validator, url, md, other, algorithm)[0]
    toggled = toggled_url(url)
    if toggled is not None:
        toggled_signature = validator.compute_signature(toggled, md, algorithm)
        case["portToggledURL"] = toggled
        case["portToggledSignature"] = toggled_signature
        case["portToggledValid"] = safe_validate(validator, url, md, toggled_signature, algorithm)[0]
    if note:
        case["note"] = note
    if swift_rejects:
        case["swiftRejects"] = True
    return case


def body_case(name, url, body, signed_url=None, signed_body=None, note=None):
    """The JSON-body variant: the URL carries bodySHA256, the signature covers the URL only."""
    validator = RequestValidator(TOKEN_A)
    sign_url = signed_url if signed_url is not None else url
    signature = validator.compute_signature(sign_url, {})
    valid, raised = safe_validate(validator, url, body, signature)
    case = {
        "name": name,
        "authToken": TOKEN_A,
        "url": url,
        "signedURL": sign_url,
        "body": body,
        "bodySHA256": validator.compute_hash(body),
        "signature": signature,
        "valid": valid,
        "validateRaised": raised,
        "tamperedValid": safe_validate(validator, url, body, tamper(signature))[0],
        "tamperedSignature": tamper(signature),
    }
    if note:
        case["note"] = note
    return case


def with_hash(url, body, name="bodySHA256"):
    digest = RequestValidator(TOKEN_A).compute_hash(body)
    sep = "&" if "?" in url else "?"
    return url + sep + name + "=" + digest


def form_cases():
    long_body = ("Alerte: rassemblement interdit place de la République. " * 30)[:1600]
    return [
        form_case("inbound sms, plain text", BASE, sms("Hello from the field")),
        form_case("STOP with OptOutType", BASE, sms("STOP", OptOutType="STOP")),
        form_case("START with OptOutType", BASE, sms("Start", OptOutType="START")),
        form_case("HELP with OptOutType", BASE, sms("help", OptOutType="HELP")),
        form_case("body with space plus ampersand equals", BASE, sms("Meet at 5+6 & bring a=b, c%20d")),
        form_case("French accents (NFC)", BASE, sms("Arrêt immédiat — évacuez la zone, ça brûle")),
        form_case("French accents (NFD, decomposed)", BASE, sms("Arre\u0302t imme\u0301diat")),
        form_case("Chinese", BASE, sms("停止 警报 请注意安全")),
        form_case("emoji with skin tone and ZWJ", BASE, sms("🚨 alert 👍🏽 👩‍👩‍👧")),
        form_case("empty Body", BASE, sms("")),
        form_case("all values empty", BASE, [(k, "") for k, _ in sms("x")]),
        form_case("no parameters", BASE, []),
        form_case("URL with query string", BASE + "?carrier=twilio&v=1", sms("query")),
        form_case("https with :443", "https://tocsin.example.org:443/webhooks/twilio/sms", sms("port 443")),
        form_case("http without port", "http://tocsin.example.org/webhooks/twilio/sms", sms("http")),
        form_case("http with :80", "http://tocsin.example.org:80/webhooks/twilio/sms", sms("http 80")),
        form_case("http with :8080", "http://localhost:8080/webhooks/twilio/sms", sms("dev box")),
        form_case("https with :8443 and query", "https://tocsin.example.org:8443/hook?a=1&b=%20", sms("8443")),
        form_case(
            "repeated names, unsorted values with duplicates",
            BASE,
            [("Tag", "b"), ("Body", "x"), ("Tag", "a"), ("Tag", "b"), ("Tag", "")],
            note="the library sorts and de-duplicates the values of a repeated name",
        ),
        form_case(
            "code point order of names",
            BASE,
            [("body", "1"), ("Body", "2"), ("_x", "3"), ("Z", "4"), ("a", "5"), ("É", "6"), ("e", "7"), ("10", "8"), ("9", "9")],
        ),
        form_case(
            "NFC and NFD names are distinct",
            BASE,
            [("\u00e9", "nfc"), ("e\u0301", "nfd"), ("k", "\u00e9"), ("k", "e\u0301")],
        ),
        form_case(
            "astral vs BMP code point order",
            BASE,
            [("k", "\uff5e"), ("k", "😀"), ("k", "\ue000"), ("\uff5e", "1"), ("😀", "2")],
        ),
        form_case(
            "MMS with media",
            BASE,
            sms(
                "photo",
                NumMedia="2",
                MediaUrl0="https://api.twilio.example/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1",
                MediaContentType0="image/jpeg",
                MediaUrl1="https://api.twilio.example/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2",
                MediaContentType1="image/png",
            ),
        ),
        form_case("long body (1600 chars)", BASE, sms(long_body)),
        form_case(
            "status callback",
            "https://tocsin.example.org/webhooks/twilio/status?attempt=2",
            [
                ("SmsSid", "SM00000000000000000000000000000004"),
                ("SmsStatus", "delivered"),
                ("MessageStatus", "delivered"),
                ("To", "+15555550101"),
                ("MessageSid", "SM00000000000000000000000000000004"),
                ("AccountSid", ACCOUNT),
                ("From", "+15555550100"),
                ("ApiVersion", "2010-04-01"),
                ("ErrorCode", ""),
            ],
        ),
        form_case("second token", BASE, sms("token B"), token=TOKEN_B),
        form_case("non-ASCII token", BASE, sms("token C"), token=TOKEN_C),
        form_case("control characters and newlines in values", BASE, sms("line1\r\nline2\ttab\x00nul")),
        form_case("HMAC_SHA256 algorithm", BASE, sms("shared key"), algorithm="HMAC_SHA256"),
        form_case("HMAC_SHA256 algorithm, :443", "https://tocsin.example.org:443/x", sms("k"), algorithm="HMAC_SHA256"),
        # URL corner cases: validate() never checks the URL as given, only urlparse(url).geturl() with
        # the port added or removed, so these show what that normalisation does.
        form_case("upper-case scheme", "HTTPS://tocsin.example.org/webhooks/twilio/sms", sms("x")),
        form_case("upper-case host", "https://Tocsin.Example.ORG/webhooks/twilio/sms", sms("x")),
        form_case("empty query (trailing ?)", BASE + "?", sms("x")),
        form_case("empty fragment (trailing #)", BASE + "#", sms("x")),
        form_case("fragment", BASE + "?a=b#frag", sms("x")),
        form_case("path parameters", "https://tocsin.example.org/a;b/c;d=e?x=1", sms("x")),
        form_case("empty path parameter", "https://tocsin.example.org/a/c;?x=1", sms("x")),
        form_case("no path", "https://tocsin.example.org", sms("x")),
        form_case("no path, query only", "https://tocsin.example.org?x=1", sms("x")),
        form_case("user info, no port", "https://user:pass@tocsin.example.org/hook", sms("x")),
        form_case("user info and port", "https://user:pass@tocsin.example.org:8443/hook", sms("x")),
        form_case("port 0", "https://tocsin.example.org:0/hook", sms("x")),
        form_case("port with leading zeros", "https://tocsin.example.org:0443/hook", sms("x")),
        form_case("empty port", "https://tocsin.example.org:/hook", sms("x")),
        form_case("non-numeric port", "https://tocsin.example.org:abc/hook", sms("x")),
        form_case("port out of range", "https://tocsin.example.org:99999/hook", sms("x")),
        form_case("huge port", "https://tocsin.example.org:184467440737095516160/hook", sms("x")),
        form_case("leading spaces and embedded tab/newline", "  \thttps://tocsin.example.org/we\tb\nhooks", sms("x")),
        form_case("trailing space", BASE + " ", sms("x")),
        form_case("other scheme", "ftp://tocsin.example.org/hook", sms("x")),
        form_case("scheme without slashes", "https:/tocsin.example.org/hook", sms("x")),
        form_case("relative URL", "/webhooks/twilio/sms?x=1", sms("x")),
        form_case("non-ASCII path and query", "https://tocsin.example.org/alertes/é?q=ü", sms("x")),
        # Signed over one URL, validated against another.
        form_case("signed with :8443, received without port", "https://h.example/hook", sms("x"), signed_url="https://h.example:8443/hook"),
        form_case("signed without port, received with :8443", "https://h.example:8443/hook", sms("x"), signed_url="https://h.example/hook"),
        form_case("signed with :443, received over http", "http://h.example/hook", sms("x"), signed_url="http://h.example:443/hook"),
        form_case("signed with :80, received over https", "https://h.example/hook", sms("x"), signed_url="https://h.example:80/hook"),
        form_case("signed with :443, received with :8443", "https://h.example:8443/hook", sms("x"), signed_url="https://h.example:443/hook"),
        form_case("different query", "https://h.example/hook?x=2", sms("x"), signed_url="https://h.example/hook?x=1"),
        form_case("signed over upper-case scheme, received lower", BASE, sms("x"), signed_url="HTTPS://tocsin.example.org/webhooks/twilio/sms"),
        form_case(
            "IPv6 literal host",
            "http://[::1]:8080/hook",
            sms("x"),
            note="TocsinCarriers refuses bracketed hosts instead of copying urllib's IPv6 checks",
            swift_rejects=True,
        ),
        form_case(
            "non-ASCII host",
            "https://tocsin.exämple.org/hook",
            sms("x"),
            note="TocsinCarriers refuses non-ASCII hosts (urllib applies an NFKC check); use the punycode name",
            swift_rejects=True,
        ),
    ]


def body_cases():
    body = '{"event":"message.received","data":{"body":"Arrêt 🚨","from":"+33700000001"}}'
    hooked = BASE + "/json"
    return [
        body_case("JSON body with bodySHA256", with_hash(hooked, body), body),
        body_case("JSON body, query before bodySHA256", with_hash(hooked + "?a=1", body), body),
        body_case("JSON body, :443 in URL", with_hash("https://tocsin.example.org:443/json", body), body),
        body_case(
            "JSON body, signed without the port, URL with :443",
            with_hash("https://tocsin.example.org:443/json", body),
            body,
            signed_url=with_hash("https://tocsin.example.org/json", body),
        ),
        body_case(
            "body tampered (hash mismatch)",
            with_hash(hooked, body),
            body.replace("Arrêt", "Arret"),
        ),
        body_case(
            "upper-case hex digest",
            hooked + "?bodySHA256=" + RequestValidator(TOKEN_A).compute_hash(body).upper(),
            body,
        ),
        body_case("percent-encoded parameter name", with_hash(hooked, body, name="body%53HA256"), body),
        body_case(
            "empty bodySHA256 value is ignored",
            hooked + "?bodySHA256=",
            body,
            note="parse_qs drops blank values; the library then raises on the str body",
        ),
        body_case("no bodySHA256, non-empty body", hooked, body, note="the library raises (TypeError)"),
        body_case("no bodySHA256, empty body", hooked, ""),
        body_case(
            "repeated bodySHA256, first wins",
            with_hash(hooked, body) + "&bodySHA256=00",
            body,
        ),
        body_case(
            "bodySHA256 first value blank, second right",
            with_hash(hooked + "?bodySHA256=", body),
            body,
        ),
    ]


def settings_cases():
    headers = [
        None,
        "",
        "key=webhooks_sharedkey_0000,algorithm=HMAC_SHA256",
        "algorithm=HMAC_SHA1,key=webhooks_sharedkey_0000",
        " key = k , algorithm = hmac_sha256 ",
        "algorithm=HMAC_SHA512",
        "algorithm=",
        "key=k",
        "algorithm",
        "algorithm=HMAC_SHA256,algorithm=HMAC_SHA1",
        "Algorithm=HMAC_SHA256",
    ]
    supported = {"HMAC_SHA1", "HMAC_SHA256"}
    out = []
    for header in headers:
        algorithm = get_signature_algorithm(header)
        out.append(
            {
                "header": header,
                "algorithm": algorithm,
                "supported": algorithm.upper() in supported,
                "normalised": algorithm.upper() if algorithm.upper() in supported else None,
            }
        )
    return out


def is_xml_char(c):
    """XML 1.0 Char production: what a conforming parser accepts in a document at all."""
    o = ord(c)
    return o in (0x9, 0xA, 0xD) or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or 0x10000 <= o <= 0x10FFFF


def twiml_cases():
    bodies_list = [
        ("none", []),
        ("plain", ["Thanks, you are subscribed to alerts."]),
        ("XML special characters", ["<b>Tom & Jerry</b> \"quoted\" 'single' ]]> &amp;"]),
        ("unicode", ["Arrêt immédiat 停止 🚨👍🏽"]),
        ("two messages", ["First part", "Second & last part"]),
        ("empty body", [""]),
        ("empty body between two", ["a", "", "b"]),
        ("whitespace and newlines", ["  line 1\r\nline 2\n\tindented  "]),
        ("markup-looking text", ["<?xml version='1.0'?><Response/> <!-- x --> <![CDATA[y]]>"]),
        (
            "characters XML 1.0 cannot carry",
            ["bell\x07 nul\x00 vt\x0b ff\x0c esc\x1b nonchar\ufffe\uffff ok\ufffd"],
        ),
    ]
    out = []
    for name, bodies in bodies_list:
        response = MessagingResponse()
        for body in bodies:
            response.message(body)
        xml = str(response)
        # ElementTree writes characters that XML 1.0 forbids as they are, which makes a document Twilio
        # cannot parse; TocsinCarriers drops them instead, and the Swift test accounts for that.
        out.append({"name": name, "bodies": bodies, "xml": xml, "libraryEmitsInvalidXML": not all(map(is_xml_char, xml))})
    return out


def main():
    data = {
        "generator": "Tests/TocsinCarriersTests/Fixtures/make_twilio_vectors.py",
        "twilioVersion": version("twilio"),
        "multidictVersion": version("multidict"),
        "python": platform.python_version(),
        "formCases": form_cases(),
        "bodyCases": body_cases(),
        "settingsHeaderCases": settings_cases(),
        "twimlCases": twiml_cases(),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(
        "wrote %s: %d form cases, %d body cases, %d header cases, %d TwiML cases"
        % (OUT, len(data["formCases"]), len(data["bodyCases"]), len(data["settingsHeaderCases"]), len(data["twimlCases"])),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()

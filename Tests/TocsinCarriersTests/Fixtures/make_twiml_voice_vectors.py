#!/usr/bin/env python3
"""Writes twiml-voice-vectors.json next to this file with Twilio's own Python helper library.

Each case is one alert-call TwiML document (the call itself, the menu again, press 1, press 9, goodbye)
built with twilio.twiml.voice_response.VoiceResponse; TwiMLVoiceTests asserts that TocsinCarriers writes
the same bytes. The spoken sentences are copied from Sources/TocsinCore/Voice/VoiceScript.swift (the
vectors pin the exact words as well as the XML): change both together and re-run this script.

How to re-run (keep the pinned version):

    python3.11 -m venv /tmp/twilio/venv
    /tmp/twilio/venv/bin/pip install twilio==9.13.0
    /tmp/twilio/venv/bin/python Tests/TocsinCarriersTests/Fixtures/make_twiml_voice_vectors.py

Every name, number and host in here is made up.
"""

import json
import os
import platform
import sys
from importlib.metadata import version

from twilio.twiml.voice_response import Gather, VoiceResponse

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "twiml-voice-vectors.json")
BASE = "https://tocsin.example.org/webhooks/twilio/voice/42"
MENU_TIMEOUT = 6

# Copied from VoiceScript.swift.
SCRIPTS = {
    "en": {
        "intro": "This is a call from {org}. To stop all calls and texts from us, press 9 at any time. You can call us back at {callback}.",
        "menuWithTarget": "To be connected to {target}, press 1. To stop all calls and texts from us, press 9.",
        "menuWithoutTarget": "To stop all calls and texts from us, press 9.",
        "connecting": "Connecting you to {target} now.",
        "afterConnect": "Thank you for taking action. Goodbye.",
        "stopped": "You will receive no more calls or texts from {org}. Goodbye.",
        "notUnderstood": "Sorry, I did not get that.",
        "goodbye": "Thank you. Goodbye.",
    },
    "fr": {
        "intro": "Ceci est un appel de {org}. Pour ne plus recevoir aucun appel ni texto de notre part, appuyez sur 9 à tout moment. Vous pouvez nous rappeler au {callback}.",
        "menuWithTarget": "Pour être mis en relation avec {target}, appuyez sur 1. Pour ne plus recevoir aucun appel ni texto de notre part, appuyez sur 9.",
        "menuWithoutTarget": "Pour ne plus recevoir aucun appel ni texto de notre part, appuyez sur 9.",
        "connecting": "Nous vous mettons en relation avec {target}.",
        "afterConnect": "Merci d'avoir agi. Au revoir.",
        "stopped": "Vous ne recevrez plus aucun appel ni texto de {org}. Au revoir.",
        "notUnderstood": "Désolé, nous n'avons pas compris votre choix.",
        "goodbye": "Merci. Au revoir.",
    },
    "es": {
        "intro": "Esta es una llamada de {org}. Para no recibir más llamadas ni mensajes nuestros, marque 9 en cualquier momento. Puede devolvernos la llamada al {callback}.",
        "menuWithTarget": "Para comunicarse con {target}, marque 1. Para no recibir más llamadas ni mensajes nuestros, marque 9.",
        "menuWithoutTarget": "Para no recibir más llamadas ni mensajes nuestros, marque 9.",
        "connecting": "Le estamos comunicando con {target}.",
        "afterConnect": "Gracias por actuar. Adiós.",
        "stopped": "No recibirá más llamadas ni mensajes de {org}. Adiós.",
        "notUnderstood": "Lo sentimos, no entendimos su opción.",
        "goodbye": "Gracias. Adiós.",
    },
    "zh": {
        "intro": "這是{org}的來電。如不想再收到我們的任何來電及短訊，請隨時按9。回電號碼是{callback}。",
        "menuWithTarget": "如要接通{target}，請按1。如不想再收到我們的任何來電及短訊，請按9。",
        "menuWithoutTarget": "如不想再收到我們的任何來電及短訊，請按9。",
        "connecting": "現在為你接通{target}。",
        "afterConnect": "多謝你採取行動。再見。",
        "stopped": "你將不會再收到{org}的任何來電或短訊。再見。",
        "notUnderstood": "對不起，未能辨認你的選擇。",
        "goodbye": "多謝。再見。",
    },
}
LOCALES = {"en": "en-US", "fr": "fr-CA", "es": "es-US", "zh": "zh-HK"}
ALERTS = {
    "en": "Ana faces execution on Friday. Ask the Minister of Justice to stop it.",
    "fr": "Ana risque l'exécution vendredi. Demandez au ministre de la Justice de l'arrêter.",
    "es": "Ana enfrenta la ejecución el viernes. Pida al ministro de Justicia que la detenga.",
    "zh": "安娜星期五將被處決。請要求司法部長停止行刑。",
}
TARGETS = {
    "en": "the Minister of Justice",
    "fr": "le ministre de la Justice",
    "es": "el ministro de Justicia",
    "zh": "司法部長辦公室",
}


def spoken(number):
    return " ".join(c for c in number if c.isdigit())


def fill(text, org, callback="", target=""):
    return text.replace("{org}", org).replace("{callback}", spoken(callback)).replace("{target}", target)


def menu_text(s, call):
    if call["targetName"] is not None and call["targetNumber"] is not None:
        return fill(s["menuWithTarget"], call["org"], target=call["targetName"])
    return s["menuWithoutTarget"]


def gather(url):
    return Gather(action=url, action_on_empty_result=True, method="POST", num_digits=1, timeout=MENU_TIMEOUT)


def build(kind, call):
    s = SCRIPTS.get(call["language"], SCRIPTS["en"])
    loc = call["locale"]
    r = VoiceResponse()
    if kind == "call":
        g = gather(call["menuURL"])
        g.say(fill(s["intro"], call["org"], callback=call["callback"]), language=loc)
        g.say(call["script"], language=loc)
        g.say(menu_text(s, call), language=loc)
        r.append(g)
    elif kind == "menuAgain":
        r.say(s["notUnderstood"], language=loc)
        g = gather(call["menuURL"])
        g.say(menu_text(s, call), language=loc)
        r.append(g)
    elif kind == "connect":
        r.say(fill(s["connecting"], call["org"], target=call["targetName"]), language=loc)
        r.dial(call["targetNumber"])
        r.say(s["afterConnect"], language=loc)
        r.hangup()
    elif kind == "stopped":
        r.say(fill(s["stopped"], call["org"]), language=loc)
        r.hangup()
    elif kind == "goodbye":
        r.say(s["goodbye"], language=loc)
        r.hangup()
    elif kind == "hangup":
        r.hangup()
    else:
        raise ValueError(kind)
    return str(r)


def call(language, target=True, attempt=1, org="RightsAlert", script=None, target_name=None, callback="+14155550199"):
    return {
        "language": language,
        "locale": LOCALES.get(language, "en-US"),
        "org": org,
        "callback": callback,
        "script": script if script is not None else ALERTS.get(language, ALERTS["en"]),
        "targetName": (target_name or TARGETS.get(language, TARGETS["en"])) if target else None,
        "targetNumber": "+12025550143" if target else None,
        "menuURL": BASE + "/gather?attempt=%d" % attempt,
    }


def cases():
    out = []

    def add(name, kind, c):
        out.append({"name": name, "kind": kind, "call": c, "xml": build(kind, c)})

    for lang in ["en", "fr", "es", "zh"]:
        add("call %s with target" % lang, "call", call(lang))
        add("call %s without target" % lang, "call", call(lang, target=False))
        add("press 1 %s" % lang, "connect", call(lang))
        add("press 9 %s" % lang, "stopped", call(lang))
        add("invalid key %s, menu again" % lang, "menuAgain", call(lang, attempt=2))
        add("invalid key twice %s, goodbye" % lang, "goodbye", call(lang))
    add("invalid key, menu again without target", "menuAgain", call("en", target=False, attempt=2))
    add("press 9 without target", "stopped", call("fr", target=False))
    add("unknown language falls back to English", "call", call("de"))
    add(
        "XML special characters",
        "call",
        call(
            "en",
            org='Tom & Jerry <Rights> "Watch"',
            script="Write to the <Minister> & say \"free them\" now; it's urgent > later.",
            target_name="Office of A & B <Ministers>",
        ),
    )
    add("script with newlines and tabs", "call", call("en", script="Line one.\nLine two.\tTabbed."))
    add("hangup", "hangup", call("en"))
    return out


def main():
    data = {
        "generator": "Tests/TocsinCarriersTests/Fixtures/make_twiml_voice_vectors.py",
        "twilioVersion": version("twilio"),
        "python": platform.python_version(),
        "menuTimeout": MENU_TIMEOUT,
        "cases": cases(),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("wrote %s: %d cases" % (OUT, len(data["cases"])), file=sys.stderr)


if __name__ == "__main__":
    main()

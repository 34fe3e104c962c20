-- The baseline request: the same Twilio form body, posted to the bare endpoint.
wrk.method = "POST"
wrk.body = "AccountSid=AC0123456789abcdef0123456789abcdef&ApiVersion=2010-04-01&Body=RIGHTS&From=%2B12125550100&FromCountry=US&FromState=NY&MessageSid=SM00000000000000000000000000000001&NumMedia=0&NumSegments=1&SmsStatus=received&To=%2B14155550100&ToCountry=US"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

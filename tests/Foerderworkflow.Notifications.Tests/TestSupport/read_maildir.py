# Prints every message of a maildir as JSON, decoded by Python's own MIME parser (an independent check of our encoding).
import email, email.policy, json, mailbox, sys

result = []
for key, raw in mailbox.Maildir(sys.argv[1], factory=None).iteritems():
    source = raw.as_bytes()
    message = email.message_from_bytes(source, policy=email.policy.default)
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    result.append({
        "subject": str(message["Subject"]),
        "to": str(message["To"]),
        "from": str(message["From"]),
        "messageId": str(message["Message-ID"]),
        "contentType": message.get_content_type(),
        "text": text.get_content() if text is not None else None,
        "html": html.get_content() if html is not None else None,
        "source": source.decode("ascii", errors="replace"),
    })
json.dump(result, sys.stdout)

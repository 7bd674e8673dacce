# Lists every file of the given folders (a maildir's new/, a pickup folder of .eml files) as JSON: name, size and the
# headers the chaos suite counts by, decoded by Python's own parser (the subject is an RFC 2047 encoded word).
import email, email.parser, email.policy, json, os, sys

result = []
for folder in sys.argv[1:]:
    if not os.path.isdir(folder):
        continue
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            raw = f.read()
        entry = {"file": path, "size": len(raw), "subject": "", "messageId": "", "applicationId": ""}
        if raw:
            headers = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
            entry["subject"] = str(headers["Subject"] or "")
            entry["messageId"] = str(headers["Message-ID"] or "")
            entry["applicationId"] = str(headers["X-Foerderworkflow-Application"] or "")
        result.append(entry)
json.dump(result, sys.stdout)

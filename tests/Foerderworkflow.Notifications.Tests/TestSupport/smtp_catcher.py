# A real SMTP server for the tests: aiosmtpd storing every message in a maildir, optionally with STARTTLS, implicit TLS
# (SMTPS) and AUTH against one user. It prints "listening" on stdout once it accepts connections, and appends to the
# events file, one line each, what the tests assert on: "connected N" per TCP connection, "tls" per finished STARTTLS,
# "authenticated USER", "auth-failed USER", "data" (a message's data received, with --hold-data-until) and
# "disconnected N". Each line is written before the server answers the
# client, so a test that got the answer finds the line in the file (stdout would reach the test only some time later).
import argparse, asyncio, os, ssl

from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--maildir", required=True)
parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
parser.add_argument("--smtps", nargs=2, metavar=("CERT", "KEY"))
parser.add_argument("--auth", metavar="USER:PASSWORD")
parser.add_argument("--events", required=True)
parser.add_argument("--hold-data-until", metavar="FILE", help="answer a message's data only once FILE exists")
args = parser.parse_args()
events = open(args.events, "a", encoding="utf-8")


def report(line):
    events.write(line + "\n")
    events.flush()


def tls_context(pair):
    if pair is None:
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(pair[0], pair[1])
    return context


user, _, password = (args.auth or "").partition(":")


def authenticator(server, session, envelope, mechanism, data):
    if isinstance(data, LoginPassword) and data.login.decode() == user and data.password.decode() == password:
        report("authenticated " + user)
        return AuthResult(success=True)
    report("auth-failed " + (data.login.decode() if isinstance(data, LoginPassword) else mechanism))
    return AuthResult(success=False, handled=False)


connections = 0


class HoldingMailbox(Mailbox):
    async def handle_DATA(self, server, session, envelope):
        if args.hold_data_until:
            report("data")
            while not os.path.exists(args.hold_data_until):
                await asyncio.sleep(0.02)
        return await super().handle_DATA(server, session, envelope)



class CountingSMTP(SMTP):
    def connection_made(self, transport):
        global connections
        # STARTTLS calls this a second time on the same TCP connection, with the TLS transport.
        starttls = self._original_transport is not None
        super().connection_made(transport)
        if starttls:
            report("tls")
        else:
            connections += 1
            self.number = connections
            report("connected %d" % connections)

    def connection_lost(self, error):
        super().connection_lost(error)
        report("disconnected %d" % self.number)


def factory():
    return CountingSMTP(
        HoldingMailbox(args.maildir),
        hostname="localhost",
        tls_context=tls_context(args.starttls),
        require_starttls=args.starttls is not None,
        authenticator=authenticator if args.auth else None,
        auth_required=bool(args.auth),
        # Over SMTPS the connection is encrypted from the start, which aiosmtpd's own check does not see.
        auth_require_tls=args.smtps is None,
    )


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, host="127.0.0.1", port=args.port, ssl=tls_context(args.smtps))
    print("listening", flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())

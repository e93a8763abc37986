#!/usr/bin/env python3
"""Print a fresh Microsoft 365 access token for IMAP and SMTP: a token helper for netzwerk's
`token_command` (README, "Logins: OAuth2 and the keychain").

UNTESTED: written against MSAL for Python's documented device-code flow, but never run against
Microsoft's servers (netzwerk's tests have no network). Read it before you use it.

    pip install msal
    python3 contrib/m365_token.py --client-id APP-ID --tenant TENANT-ID --user name@kreis.de

The first run prints a code and an address on stderr: open the address, sign in, enter the code.
Later runs refresh the token silently from the cache (~/.cache/netzwerk/m365-token.json, readable
only by you), so cron can run `netzwerk invite` for about 90 days without a new sign-in. Only
the token goes to stdout.

The app registration (Entra ID, "App registrations", new registration, "Accounts in this
organizational directory only"): under "Authentication", "Allow public client flows" = Yes; under
"API permissions", the delegated permissions IMAP.AccessAsUser.All and SMTP.Send (and
offline_access), granted by an administrator where the tenant requires it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

SCOPES = [
    "https://outlook.office.com/IMAP.AccessAsUser.All",
    "https://outlook.office.com/SMTP.Send",
]
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "netzwerk"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--client-id", required=True, help="the app registration's client id")
    parser.add_argument("--tenant", required=True, help="the tenant's id or domain")
    parser.add_argument("--user", required=True, help="the mailbox's address")
    args = parser.parse_args()

    import msal

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / "m365-token.json"
    cache = msal.SerializableTokenCache()
    if path.exists():
        cache.deserialize(path.read_text())
    app = msal.PublicClientApplication(
        args.client_id,
        authority=f"https://login.microsoftonline.com/{args.tenant}",
        token_cache=cache,
    )
    result = None
    accounts = app.get_accounts(username=args.user)
    if accounts:
        result = app.acquire_token_silent(SCOPES, account=accounts[0])
    if not result:
        flow = app.initiate_device_flow(scopes=SCOPES)
        if "user_code" not in flow:
            print(f"m365_token: no device code: {flow.get('error_description')}", file=sys.stderr)
            return 1
        print(flow["message"], file=sys.stderr)
        result = app.acquire_token_by_device_flow(flow)
    if cache.has_state_changed:
        path.touch(mode=0o600, exist_ok=True)
        path.write_text(cache.serialize())
    if "access_token" not in result:
        print(f"m365_token: {result.get('error_description')}", file=sys.stderr)
        return 1
    print(result["access_token"])
    return 0


if __name__ == "__main__":
    sys.exit(main())

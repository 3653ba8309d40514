"""A loopback proxy in front of a (fake) Livy server that accepts only requests with a valid AWS SigV4 signature.

The signature is recomputed independently of the Java SDK, with botocore's SigV4Auth, from the request as received:
method, path and query, the headers named in SignedHeaders, the body (whose SHA-256 must also match
x-amz-content-sha256 when sent) and X-Amz-Date (within 5 minutes of now). A missing or wrong signature gets HTTP 403
with an AWS-style JSON error (echoing the Authorization header, as a careless server might); a valid request is
forwarded to the upstream and its answer relayed. When the upstream drops the connection, so does the proxy.

GET /__proxy/requests (unsigned) lists what was received: method, path, X-Amz-Date, signature, verdict.

Usage: python3 sigv4_proxy.py UPSTREAM_URL ACCESS_KEY SECRET_KEY TOKEN SERVICE REGION   (TOKEN '-' for none)
Prints "PORT <n>" once listening on 127.0.0.1 (ephemeral port); stops when its standard input closes.
"""
import datetime
import hashlib
import hmac
import http.client
import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

UPSTREAM = urllib.parse.urlsplit(sys.argv[1])
AKID, SECRET, TOKEN, SERVICE, REGION = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
TOKEN = None if TOKEN == '-' else TOKEN
LOG = []
LOCK = threading.Lock()
HOP = {'connection', 'keep-alive', 'transfer-encoding', 'te', 'upgrade', 'proxy-connection', 'host',
       'content-length'}


def verify(method, path, headers, body):
    auth = headers.get('Authorization')
    if not auth:
        return 'no Authorization header'
    if not auth.startswith('AWS4-HMAC-SHA256 '):
        return 'not an AWS4-HMAC-SHA256 Authorization header'
    try:
        parts = dict(p.strip().split('=', 1) for p in auth[len('AWS4-HMAC-SHA256 '):].split(','))
        akid, day, region, service, terminator = parts['Credential'].split('/')
        signed = parts['SignedHeaders'].split(';')
        given = parts['Signature']
    except (KeyError, ValueError):
        return 'malformed Authorization header'
    if akid != AKID:
        return 'unknown access key'
    if (region, service, terminator) != (REGION, SERVICE, 'aws4_request'):
        return 'wrong credential scope %s/%s' % (region, service)
    amz_date = headers.get('X-Amz-Date')
    if not amz_date or 'host' not in signed or 'x-amz-date' not in signed:
        return 'Host and X-Amz-Date must be signed'
    when = datetime.datetime.strptime(amz_date, '%Y%m%dT%H%M%SZ').replace(tzinfo=datetime.timezone.utc)
    if abs((datetime.datetime.now(datetime.timezone.utc) - when).total_seconds()) > 300 or day != amz_date[:8]:
        return 'signature expired or dated wrongly'
    if TOKEN is not None and headers.get('X-Amz-Security-Token') != TOKEN:
        return 'missing or wrong security token'
    sha = headers.get('X-Amz-Content-SHA256')
    if sha is not None and sha != 'UNSIGNED-PAYLOAD' and sha != hashlib.sha256(body).hexdigest():
        return 'payload hash does not match the body'
    request = AWSRequest(method=method, url='http://' + headers.get('Host') + path, data=body,
                         headers={h: headers.get(h) for h in signed if headers.get(h) is not None})
    request.context['timestamp'] = amz_date
    signer = SigV4Auth(Credentials(AKID, SECRET, TOKEN), SERVICE, REGION)
    canonical = signer.canonical_request(request)
    expected = signer.signature(signer.string_to_sign(request, canonical), request)
    return None if hmac.compare_digest(expected, given) else 'signature does not match'


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def handle_one_request_body(self):
        n = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(n) if n else b''

    def answer(self, status, body, content_type='application/json', extra=()):
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        body = self.handle_one_request_body()
        if self.path == '/__proxy/requests':
            with LOCK:
                self.answer(200, json.dumps(LOG).encode())
            return
        problem = verify(self.command, self.path, self.headers, body)
        auth = self.headers.get('Authorization') or ''
        with LOCK:
            LOG.append({'method': self.command, 'path': self.path, 'date': self.headers.get('X-Amz-Date'),
                        'signature': auth.rsplit('Signature=', 1)[-1] if 'Signature=' in auth else None,
                        'problem': problem})
        if problem is not None:
            msg = ('The request signature we calculated does not match the signature you provided (%s). '
                   'Authorization: %s' % (problem, auth))
            self.answer(403, json.dumps({'message': msg}).encode(),
                        extra=[('x-amzn-ErrorType', 'InvalidSignatureException'), ('x-amzn-RequestId', 'req-403')])
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        try:
            up = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=120)
            up.request(self.command, self.path, body=body or None, headers=headers)
            resp = up.getresponse()
            data = resp.read()
            ctype = resp.getheader('Content-Type') or 'application/json'
            up.close()
        except (OSError, http.client.HTTPException):
            self.close_connection = True  # the upstream dropped it: drop ours too, unanswered
            return
        self.answer(resp.status, data, ctype)

    do_GET = do_POST = do_DELETE = do_PUT = handle_any


server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
server.daemon_threads = True
print('PORT %d' % server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
server.shutdown()

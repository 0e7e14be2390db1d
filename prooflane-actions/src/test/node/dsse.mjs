// An independent DSSE v1 implementation for interoperability tests: Node's crypto and the
// specification's pre-authentication encoding (PAE), nothing of Prooflane.
//   node dsse.mjs verify ENVELOPE PUBLIC_KEY_PEM  -> prints the statement's type and result, exit 0
//                                                    exit 1 when no signature holds
//   node dsse.mjs sign STATEMENT_JSON OUT_DIR     -> writes OUT_DIR/report.json (an envelope signed
//                                                    with a fresh Ed25519 key) and report-signing.pub
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';

const PAYLOAD_TYPE = 'application/vnd.in-toto+json';

function pae(type, body) {
  const t = Buffer.from(type, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${t.length} `, 'ascii'), t,
    Buffer.from(` ${body.length} `, 'ascii'), body,
  ]);
}

const [, , mode, a, b] = process.argv;
if (mode === 'verify') {
  const envelope = JSON.parse(readFileSync(a, 'utf8'));
  const payload = Buffer.from(envelope.payload, 'base64');
  const key = createPublicKey(readFileSync(b));
  const holds = (envelope.signatures || []).some((s) =>
    verify(null, pae(envelope.payloadType, payload), key, Buffer.from(s.sig, 'base64')));
  if (!holds) {
    console.error('no signature holds for this key');
    process.exit(1);
  }
  const statement = JSON.parse(payload.toString('utf8'));
  console.log(JSON.stringify({
    payloadType: envelope.payloadType,
    type: statement._type,
    predicateType: statement.predicateType,
    result: statement.predicate.result,
  }));
} else if (mode === 'sign') {
  const payload = Buffer.from(JSON.stringify(JSON.parse(readFileSync(a, 'utf8'))), 'utf8');
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const keyid = 'node-test-key';
  const sig = sign(null, pae(PAYLOAD_TYPE, payload), privateKey).toString('base64');
  writeFileSync(join(b, 'report.json'), JSON.stringify({
    payloadType: PAYLOAD_TYPE,
    payload: payload.toString('base64'),
    signatures: [{ keyid, sig }],
  }));
  writeFileSync(join(b, 'report-signing.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
} else {
  console.error('usage: node dsse.mjs verify ENVELOPE KEY | sign STATEMENT OUT_DIR');
  process.exit(2);
}

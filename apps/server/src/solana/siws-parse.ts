import { isSolanaAddress } from '@puffy/core';
import { MAX_MESSAGE_BYTES } from './siws';

/**
 * A Sign-In-With-Solana message read back into its fields. Absent optional fields are undefined;
 * values are kept exactly as written (times as their RFC 3339 text), so comparing them with what
 * the server issued is string equality.
 */
export interface SignInMessageFields {
  domain: string;
  address: string;
  statement?: string;
  uri?: string;
  version?: string;
  chainId?: string;
  nonce?: string;
  issuedAt?: string;
  expirationTime?: string;
  notBefore?: string;
  requestId?: string;
  resources?: string[];
}

type TaggedField = Exclude<
  keyof SignInMessageFields,
  'domain' | 'address' | 'statement' | 'resources'
>;

const HEADER_SUFFIX = ' wants you to sign in with your Solana account:';
// authority = [ userinfo "@" ] host [ ":" port ] (RFC 3986), as characters: no spaces, no slashes.
const DOMAIN = /^[A-Za-z0-9\-._~%!$&'()*+,;=:@[\]]+$/;
const RFC3339 =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;
const CHAIN_IDS = new Set(
  ['mainnet', 'testnet', 'devnet', 'localnet'].flatMap((c) => [c, `solana:${c}`]),
);
const isUri = (v: string) => !/\s/.test(v) && URL.canParse(v);
const isTime = (v: string) => RFC3339.test(v) && !Number.isNaN(Date.parse(v));

/** The advanced fields in the only order the message format allows, each with its value rule. */
const TAGGED: ReadonlyArray<
  readonly [label: string, key: TaggedField, valid: (v: string) => boolean]
> = [
  ['URI', 'uri', isUri],
  ['Version', 'version', (v) => v === '1'],
  ['Chain ID', 'chainId', (v) => CHAIN_IDS.has(v)],
  ['Nonce', 'nonce', (v) => /^[A-Za-z0-9]{8,}$/.test(v)],
  ['Issued At', 'issuedAt', isTime],
  ['Expiration Time', 'expirationTime', isTime],
  ['Not Before', 'notBefore', isTime],
  ['Request ID', 'requestId', (v) => !/[\s]/.test(v)],
];
const RESOURCES = 'Resources:';

/** Only LF separates lines; any other control character (CR included) makes the text unreadable. */
function hasForeignControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a) || c === 0x7f) return true;
  }
  return false;
}

function isTaggedLine(line: string): boolean {
  return line === RESOURCES || TAGGED.some(([label]) => line.startsWith(`${label}: `));
}

/**
 * Parses a SIWS message strictly, per its ABNF (EIP-4361's layout with a Solana address):
 *
 *     <domain> wants you to sign in with your Solana account:
 *     <address>
 *     [LF <statement> LF]
 *     [LF "URI: " …][LF "Version: 1"][LF "Chain ID: " …][LF "Nonce: " …][LF "Issued At: " …]
 *     [LF "Expiration Time: " …][LF "Not Before: " …][LF "Request ID: " …][LF "Resources:" *(LF "- " uri)]
 *
 * Every optional part may be left out; what is present must be in that order, once, with a valid
 * value. Anything else (an unknown or repeated line, a field out of order, CR line ends, a trailing
 * blank line, a bad address, nonce or time) is `null`: the caller refuses the message.
 */
export function parseSignInMessage(text: string): SignInMessageFields | null {
  if (Buffer.byteLength(text, 'utf8') > MAX_MESSAGE_BYTES || hasForeignControl(text)) return null;
  const lines = text.split('\n');
  const [header = '', address = ''] = lines;
  if (!header.endsWith(HEADER_SUFFIX)) return null;
  const domain = header.slice(0, -HEADER_SUFFIX.length);
  if (!DOMAIN.test(domain) || !isSolanaAddress(address)) return null;
  const fields: SignInMessageFields = { domain, address };
  if (lines.length === 2) return fields;
  // After the address: a blank line, then the statement and/or the advanced fields.
  if (lines[2] !== '' || lines.length === 3) return null;
  let i = 3;
  const first = lines[i] ?? '';
  // A statement is followed by a blank line (then fields) or ends the message. A lone last line
  // that reads like a field is a field (the format cannot tell, and wallets' parsers decide so).
  const isStatement = lines[i + 1] === '' || (lines.length === i + 1 && !isTaggedLine(first));
  if (isStatement) {
    if (first === '') return null;
    fields.statement = first;
    if (lines.length === i + 1) return fields;
    i += 2;
    if (i >= lines.length) return null;
  }
  let next = 0;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === RESOURCES) {
      const resources = lines.slice(i + 1);
      if (!resources.every((r) => r.startsWith('- ') && isUri(r.slice(2)))) return null;
      fields.resources = resources.map((r) => r.slice(2));
      return fields;
    }
    const at = TAGGED.findIndex(([label]) => line.startsWith(`${label}: `));
    if (at < next) return null; // unknown line (-1), repeated, or out of order
    const [label, key, valid] = TAGGED[at] as (typeof TAGGED)[number];
    const value = line.slice(label.length + 2);
    if (!valid(value)) return null;
    fields[key] = value;
    next = at + 1;
  }
  return fields;
}

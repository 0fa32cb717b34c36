import ipaddr from 'ipaddr.js';

/**
 * The key per-client limits count under. An IPv6 client usually holds a whole /64 (one subnet
 * per customer is the norm), so keying on the full address would hand it 2^64 fresh budgets; the
 * /64 prefix is what identifies it. IPv4 (and IPv4-mapped IPv6) stays the plain address.
 */
export function clientKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  let address = ipaddr.parse(ip);
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) address = v6.toIPv4Address();
  }
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4);
  const prefix = new ipaddr.IPv6([...parts, 0, 0, 0, 0]);
  return `${prefix.toNormalizedString()}/64`;
}

'use client';

import { useMemo } from 'react';
import { renderSVG } from 'uqr';

/** The Solana Pay request as a QR code a phone wallet scans (SVG, drawn in the browser). */
export function QrCode({ value, label }: { value: string; label: string }) {
  const svg = useMemo(() => renderSVG(value, { border: 1 }), [value]);
  return (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG markup generated locally by uqr from the payment URL
    <div className="qr" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />
  );
}

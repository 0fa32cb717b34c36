import { randomBytes } from 'node:crypto';
import { base58 } from '@scure/base';

/** USDC has 6 decimals on every Solana cluster. */
export const USDC_DECIMALS = 6;
export const PAYMENT_LABEL = 'Puffy';

/**
 * A fresh reference key for a payment: 32 random bytes in base58, added by the wallet as a
 * read-only account so the worker can find the transaction with getSignaturesForAddress.
 */
export function newPaymentReference(): string {
  return base58.encode(randomBytes(32));
}

export interface TransferRequest {
  recipient: string;
  amount: string;
  splToken: string;
  reference: string;
  orderId: string;
}

/**
 * The Solana Pay transfer-request URL
 * (`solana:<recipient>?amount=&spl-token=&reference=&label=&message=&memo=`). Values are
 * percent-encoded with encodeURIComponent: URLSearchParams would write spaces as `+`, which wallets
 * show literally. The memo is the order id, so the transfer names its order on chain.
 */
export function solanaPayUrl(request: TransferRequest): string {
  const params: Array<[string, string]> = [
    ['amount', request.amount],
    ['spl-token', request.splToken],
    ['reference', request.reference],
    ['label', PAYMENT_LABEL],
    ['message', `Puffy order ${request.orderId.slice(0, 8)}`],
    ['memo', request.orderId],
  ];
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `solana:${request.recipient}?${query}`;
}

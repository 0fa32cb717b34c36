import type { Metadata } from 'next';
import { XCallback } from '../../../../account/x-callback';

export const metadata: Metadata = { title: 'Linking X' };

export default async function XCallbackPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : null);
  return (
    <>
      <h1>Linking your X account</h1>
      <XCallback code={one(params.code)} state={one(params.state)} />
    </>
  );
}

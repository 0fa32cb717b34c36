import { Id } from '@puffy/client';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { OrderView } from '../../../orders/order-view';

export const metadata: Metadata = { title: 'Order', robots: { index: false } };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // No order has an id that is not a UUID: HTTP 404 at once. Whether a well-formed id is one of
  // this buyer's orders is known only with their session, which the browser holds.
  if (!Id.safeParse(id).success) notFound();
  return <OrderView id={id} />;
}

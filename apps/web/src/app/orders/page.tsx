import type { Metadata } from 'next';
import { OrdersList } from '../../orders/orders-list';

export const metadata: Metadata = { title: 'Your orders' };

export default function OrdersPage() {
  return (
    <>
      <h1>Your orders</h1>
      <OrdersList />
    </>
  );
}

import Link from 'next/link';

/** An order id that cannot be one (not a UUID): HTTP 404 with this page. */
export default function OrderNotFound() {
  return (
    <>
      <h1>Order not found</h1>
      <p>There is no such order. Check the link, or find it among your orders.</p>
      <p>
        <Link href="/orders">Your orders</Link>
      </p>
    </>
  );
}

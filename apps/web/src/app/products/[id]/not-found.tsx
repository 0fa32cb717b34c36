import Link from 'next/link';

/** An unknown, inactive or malformed product id: HTTP 404 with this page. */
export default function ProductNotFound() {
  return (
    <>
      <h1>Product not found</h1>
      <p>There is no such product, or it is no longer sold.</p>
      <p>
        <Link href="/">Back to the catalog</Link>
      </p>
    </>
  );
}

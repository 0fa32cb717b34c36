'use client';

import { useCurrentSession } from '../session/use-current-session';
import { OrdersAdmin } from './orders-admin';
import { PassCodesAdmin } from './pass-codes-admin';
import { ProductsAdmin } from './products-admin';
import { ReviewAdmin } from './review-admin';

export function AdminView() {
  const { session } = useCurrentSession();
  if (!session) return <p>Sign in with an admin wallet.</p>;
  if (session.role !== 'admin') return <p>Admins only.</p>;
  return (
    <>
      <OrdersAdmin />
      <ReviewAdmin />
      <ProductsAdmin />
      <PassCodesAdmin ownAddress={session.address} />
    </>
  );
}

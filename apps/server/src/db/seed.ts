import type { Database } from './client';
import { products } from './schema';

type NewProduct = typeof products.$inferInsert;

/** A small demo catalog: every category, one pass-only item, vapes for the eligibility rules. */
export const DEMO_PRODUCTS: readonly NewProduct[] = [
  {
    slug: 'puffy-pod-mint',
    name: 'Puffy Pod — Mint',
    category: 'VAPE',
    priceCents: 1499,
    stock: 200,
    description: 'Cool mint pod, 2 ml.',
  },
  {
    slug: 'puffy-pod-mango',
    name: 'Puffy Pod — Mango',
    category: 'VAPE',
    priceCents: 1499,
    stock: 150,
    description: 'Ripe mango pod, 2 ml.',
  },
  {
    slug: 'puffy-pod-genesis',
    name: 'Puffy Pod — Genesis Edition',
    category: 'VAPE',
    priceCents: 2999,
    stock: 50,
    passRequired: true,
    description: 'Holder-only blend; needs a pass code.',
  },
  {
    slug: 'puffy-device-one',
    name: 'Puffy One',
    category: 'DEVICE',
    priceCents: 4999,
    stock: 80,
    description: 'The pod device, USB-C, 650 mAh.',
  },
  {
    slug: 'puffy-device-pro',
    name: 'Puffy Pro',
    category: 'DEVICE',
    priceCents: 8999,
    stock: 40,
    description: 'Adjustable airflow, 1100 mAh.',
  },
  {
    slug: 'usb-c-cable',
    name: 'USB-C cable',
    category: 'ACCESSORY',
    priceCents: 999,
    stock: 500,
    description: 'Braided, 1 m.',
  },
  {
    slug: 'carry-case',
    name: 'Carry case',
    category: 'ACCESSORY',
    priceCents: 1999,
    stock: 120,
    description: 'Hard shell, fits one device and four pods.',
  },
  {
    slug: 'puffy-tee',
    name: 'Puffy tee',
    category: 'MERCH',
    priceCents: 2499,
    stock: 300,
    description: 'Heavy cotton, cloud print.',
  },
  {
    slug: 'puffy-cap',
    name: 'Puffy cap',
    category: 'MERCH',
    priceCents: 1999,
    stock: 200,
    description: 'Six-panel, embroidered.',
  },
  {
    slug: 'sticker-pack',
    name: 'Sticker pack',
    category: 'MERCH',
    priceCents: 499,
    stock: 1000,
    description: 'Ten die-cut stickers.',
  },
];

/** Idempotent: products that already exist (by slug) are left as they are. */
export async function seedDemoProducts(db: Database): Promise<number> {
  const inserted = await db
    .insert(products)
    .values([...DEMO_PRODUCTS])
    .onConflictDoNothing({ target: products.slug })
    .returning({ id: products.id });
  return inserted.length;
}

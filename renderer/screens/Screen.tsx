import type { ReactNode } from 'react';

/**
 * A screen: a region named by its heading; the heading can take focus, so a screen opened from the sidebar or a
 * link starts where a screen reader reads it.
 */
export function Screen({ name, title, children }: { name: string; title: ReactNode; children: ReactNode }) {
  return (
    <section className={`screen ${name}`} aria-labelledby="screen-heading">
      <h1 id="screen-heading" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}

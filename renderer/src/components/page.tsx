// The frame of every page: its heading (the accessible name of the region), a lead line and the document title.
// After an in-app navigation focus moves to the heading, so screen-reader and keyboard users land on the new page.
import { useEffect, useId, useRef, type ReactNode } from 'react';

let navigatedBefore = false;

interface Props {
  title: string;
  lead: string;
  children: ReactNode;
}

export const Page = ({ title, lead, children }: Props) => {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} · Lanyard`;
    // The first page of a load keeps focus where the browser put it; later ones take it.
    if (navigatedBefore) heading.current?.focus();
    navigatedBefore = true;
  }, [title]);

  return (
    <section className="page" aria-labelledby={headingId}>
      <header className="page-header">
        <h1 id={headingId} ref={heading} tabIndex={-1}>
          {title}
        </h1>
        <p className="lead">{lead}</p>
      </header>
      {children}
    </section>
  );
};

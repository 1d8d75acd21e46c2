/** Scoped styles for HTML the API rendered from Markdown: its headings sized as sub-headings of the page. */
const CSS = `
.agency-md h1, .agency-md h2, .agency-md h3, .agency-md h4, .agency-md h5, .agency-md h6 {
  font-size: 15px; font-weight: 600; margin: 12px 0 4px;
}
.agency-md p { margin: 0 0 8px; }
.agency-md ul, .agency-md ol { margin: 0 0 8px; padding-inline-start: 20px; }
.agency-md table { border-collapse: collapse; display: block; overflow-x: auto; }
.agency-md th, .agency-md td { border: 1px solid #f0f0f0; padding: 4px 8px; }
.agency-md pre { white-space: pre-wrap; overflow-wrap: anywhere; }
`;

/** Shows API-rendered, sanitised HTML (`descriptionHtml`). Never pass anything else to it. */
export function SanitisedHtml({ html }: { html: string }) {
  return (
    <>
      <style>{CSS}</style>
      <div className="agency-md wrap-anywhere" dangerouslySetInnerHTML={{ __html: html }} />
    </>
  );
}

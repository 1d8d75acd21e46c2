import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { decodeEntities, highlightText, parseHighlight } from './highlight';
import { Highlighted } from '../components/Highlighted';

describe('parseHighlight', () => {
  it('splits the API’s highlight into marked and plain text segments', () => {
    expect(parseHighlight('织里<mark>童装</mark>面料瑕疵<mark>AI</mark>')).toEqual([
      { text: '织里', mark: false },
      { text: '童装', mark: true },
      { text: '面料瑕疵', mark: false },
      { text: 'AI', mark: true },
    ]);
  });

  it('decodes the server’s escaping back to the characters (numeric and named references)', () => {
    expect(parseHighlight('R&#38;D &#60;<mark>AGV</mark>&#62; &#39;x&#39; &amp; &quot;y&quot; &#x4e2d;')).toEqual([
      { text: 'R&D <', mark: false },
      { text: 'AGV', mark: true },
      { text: '> \'x\' & "y" 中', mark: false },
    ]);
    expect(decodeEntities('&#0; &#xD800; &bogus; &#1114112;')).toBe('&#0; &#xD800; &bogus; &#1114112;');
  });

  it('treats an unclosed or stray tag as text, and empty input as nothing', () => {
    expect(parseHighlight('a<mark>b')).toEqual([{ text: 'a<mark>b', mark: false }]);
    expect(parseHighlight('a</mark>b')).toEqual([{ text: 'a</mark>b', mark: false }]);
    expect(parseHighlight('')).toEqual([]);
    expect(parseHighlight(null)).toEqual([]);
    expect(highlightText('<mark>无人</mark>叉车…')).toBe('无人叉车…');
  });
});

describe('<Highlighted>', () => {
  it('renders marks as <mark> elements and everything else as text — escaped markup stays text', () => {
    const { container } = render(
      <p>
        <Highlighted html={'&#60;img src=x onerror=alert(1)&#62;<mark>童装</mark>&#60;script&#62;x&#60;/script&#62;'} />
      </p>,
    );
    expect(container.querySelectorAll('mark')).toHaveLength(1);
    expect(container.querySelector('mark')?.textContent).toBe('童装');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror=alert(1)>童装<script>x</script>');
  });

  it('never turns raw tags from the server into elements either', () => {
    const { container } = render(
      <p>
        <Highlighted html={'<b>粗体</b><mark><i>斜体</i></mark>'} />
      </p>,
    );
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('i')).toBeNull();
    expect(container.querySelector('mark')?.textContent).toBe('<i>斜体</i>');
  });

  it('shows the plain text when there is no highlight', () => {
    const { container } = render(
      <p>
        <Highlighted html={undefined} plain="湖羊智慧养殖" />
      </p>,
    );
    expect(container.textContent).toBe('湖羊智慧养殖');
    expect(container.querySelector('mark')).toBeNull();
  });
});

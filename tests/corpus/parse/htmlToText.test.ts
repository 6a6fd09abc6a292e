import { describe, expect, it } from 'vitest';
import { htmlToText, normalizeSpaces } from '../../../src/text/htmlToText';

describe('htmlToText', () => {
  it('separates paragraphs with a blank line and drops the tags', () => {
    expect(htmlToText('<p>Premier paragraphe.</p><p>Second <strong>paragraphe</strong>.</p>')).toBe(
      'Premier paragraphe.\n\nSecond paragraphe.',
    );
  });

  it('turns one <br> into a line break and two into a paragraph break', () => {
    expect(htmlToText('ligne un<br>ligne deux<br/><br />ligne trois')).toBe('ligne un\nligne deux\n\nligne trois');
  });

  it('decodes named, decimal and hexadecimal entities', () => {
    expect(htmlToText('l&rsquo;&eacute;t&#233; &amp; l&#x2019;hiver&nbsp;: 20&nbsp;%')).toBe('l’été & l’hiver : 20 %');
  });

  it('maps numeric references 128-159 to their Windows-1252 characters', () => {
    expect(htmlToText('l&#146;État &#150; 5 &#128;')).toBe('l’État – 5 €');
  });

  it('keeps unknown entities and named entities without semicolon as written', () => {
    expect(htmlToText('a &foo; b ?x=1&copy=2')).toBe('a &foo; b ?x=1&copy=2');
  });

  it('drops anchors like <a name=PG1></a> without leaving spaces behind', () => {
    expect(htmlToText('</p><p align="CENTER"> SITUATION À MAYOTTE <a name=PG1></a> </p><br>La parole')).toBe(
      'SITUATION À MAYOTTE\n\nLa parole',
    );
  });

  it('renders a table row by row with cells joined by " | ", even with paragraphs inside cells', () => {
    const html =
      '<p>Évolution :</p><table><tr><th>Année</th><th>Montant</th></tr>' +
      '<tr><td><p>2021</p></td><td>21 320</td></tr><tr><td>2022</td><td>22&nbsp;152</td></tr></table><p>Fin.</p>';
    expect(htmlToText(html)).toBe('Évolution :\n\nAnnée | Montant\n2021 | 21 320\n2022 | 22 152\n\nFin.');
  });

  it('lists items on their own lines', () => {
    expect(htmlToText('<ul><li>un</li><li>deux</li></ul>')).toBe('- un\n- deux');
  });

  it('collapses whitespace and trims lines', () => {
    expect(htmlToText('  <p>  a \n\t b  </p>\n\n\n<p> c </p>  ')).toBe('a b\n\nc');
  });

  it('ignores comments, scripts and styles', () => {
    expect(htmlToText('a<!-- <p>cache</p> --> b<script>var x = "<p>";</script><style>p{}</style> c')).toBe('a b c');
  });

  it('keeps a literal "<" that opens no tag', () => {
    expect(htmlToText('si a < b et 3<4')).toBe('si a < b et 3<4');
  });

  it('keeps the text of an unterminated tag-like tail', () => {
    expect(htmlToText('texte <strong')).toBe('texte <strong');
  });

  it('keeps superscripts glued to their word (1er)', () => {
    expect(htmlToText('le 1<sup>er</sup> septembre')).toBe('le 1er septembre');
  });

  it('handles a pathological input in linear time', () => {
    const inputs = [
      '<a'.repeat(200_000),
      '<'.repeat(400_000),
      `${'<p'.repeat(100_000)}>`,
      '&#'.repeat(200_000),
      '<!--'.repeat(100_000),
    ];
    const started = performance.now();
    for (const s of inputs) expect(typeof htmlToText(s)).toBe('string');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('normalizeSpaces', () => {
  it('collapses spaces inside lines and keeps at most one blank line', () => {
    expect(normalizeSpaces('  a   b \n\n\n\n c\u00a0 d  \n')).toBe('a b\n\nc d');
  });
});

// The default certificate: an A4 landscape diploma (1123 x 794 px at 96 dpi) drawn from the
// issuer's name, logo (or a seal of its initials), colours and signatory, the holder's name, the
// achievement, the award date and the results. An svg-mustache template like an issuer's own: it
// reads the credential's members and the `certificate` view (certificateView.ts). The space
// between the date and the signature (QR_BOX) is left for the PDF's verification QR code.

/** Where the PDF draws the QR code, in the template's pixels. */
export const QR_BOX = { x: 496.5, y: 600, size: 130 } as const;

export const DEFAULT_TEMPLATE = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="1123" height="794" viewBox="0 0 1123 794" lang="{{certificate.language}}">
<title>{{certificate.title}}: {{certificate.holder.name}}, {{certificate.achievement.name}}</title>
<rect x="0" y="0" width="1123" height="794" fill="{{certificate.style.paper}}"/>
<rect x="26" y="26" width="1071" height="742" fill="none" stroke="{{certificate.style.primary}}" stroke-width="8"/>
<rect x="44" y="44" width="1035" height="706" fill="none" stroke="{{certificate.style.accent}}" stroke-width="1.5"/>
{{#certificate.issuer.logo}}<image x="511.5" y="66" width="100" height="100" preserveAspectRatio="xMidYMid meet" href="{{certificate.issuer.logo}}" xlink:href="{{certificate.issuer.logo}}"/>{{/certificate.issuer.logo}}
{{^certificate.issuer.logo}}<circle cx="561.5" cy="116" r="48" fill="{{certificate.style.primary}}"/>
<circle cx="561.5" cy="116" r="41" fill="none" stroke="{{certificate.style.accent}}" stroke-width="2"/>
<text x="561.5" y="127" text-anchor="middle" font-family="serif" font-size="30" font-weight="bold" fill="{{certificate.style.paper}}">{{certificate.issuer.initials}}</text>{{/certificate.issuer.logo}}
<text x="561.5" y="206" text-anchor="middle" font-family="serif" font-size="30" font-weight="bold" fill="{{certificate.style.primary}}">{{certificate.issuer.name}}</text>
<text x="561.5" y="262" text-anchor="middle" font-family="serif" font-size="46" fill="{{certificate.style.accent}}">{{certificate.title}}</text>
<text x="561.5" y="310" text-anchor="middle" font-family="serif" font-size="19" font-style="italic" fill="{{certificate.style.ink}}">{{certificate.words.certifies}}</text>
<text x="561.5" y="368" text-anchor="middle" font-family="serif" font-size="40" font-weight="bold" fill="{{certificate.style.ink}}">{{certificate.holder.name}}</text>
<line x1="311.5" y1="384" x2="811.5" y2="384" stroke="{{certificate.style.accent}}" stroke-width="1"/>
<text x="561.5" y="418" text-anchor="middle" font-family="serif" font-size="19" font-style="italic" fill="{{certificate.style.ink}}">{{certificate.words.awarded}}</text>
<text x="561.5" y="466" text-anchor="middle" font-family="serif" font-size="32" font-weight="bold" fill="{{certificate.style.primary}}">{{certificate.achievement.name}}</text>
<text x="561.5" y="478" text-anchor="middle" font-family="serif" font-size="17" fill="{{certificate.style.ink}}">{{#certificate.results}}<tspan x="561.5" dy="24">{{#name}}{{name}}: {{/name}}{{value}}</tspan>{{/certificate.results}}{{#certificate.credits}}<tspan x="561.5" dy="24">{{certificate.credits}}</tspan>{{/certificate.credits}}{{#certificate.moreResults}}<tspan x="561.5" dy="22" font-size="13" font-style="italic">{{certificate.moreResults}}</tspan>{{/certificate.moreResults}}</text>
<text x="290" y="676" text-anchor="middle" font-family="serif" font-size="19" fill="{{certificate.style.ink}}">{{certificate.awardDate}}</text>
<line x1="150" y1="688" x2="430" y2="688" stroke="{{certificate.style.ink}}" stroke-width="1"/>
<text x="290" y="708" text-anchor="middle" font-family="sans-serif" font-size="12" fill="{{certificate.style.ink}}">{{certificate.words.awardedOn}}</text>
<line x1="693" y1="688" x2="973" y2="688" stroke="{{certificate.style.ink}}" stroke-width="1"/>
{{#certificate.signatory}}<text x="833" y="708" text-anchor="middle" font-family="sans-serif" font-size="12" fill="{{certificate.style.ink}}">{{name}}</text>
<text x="833" y="724" text-anchor="middle" font-family="sans-serif" font-size="11" font-style="italic" fill="{{certificate.style.ink}}">{{title}}</text>{{/certificate.signatory}}
{{^certificate.signatory}}<text x="833" y="708" text-anchor="middle" font-family="sans-serif" font-size="12" fill="{{certificate.style.ink}}">{{certificate.words.signature}}</text>{{/certificate.signatory}}
<text x="561.5" y="742" text-anchor="middle" font-family="sans-serif" font-size="9" fill="{{certificate.style.accent}}">{{certificate.words.credentialNumber}} {{certificate.credentialId}}</text>
</svg>
`;

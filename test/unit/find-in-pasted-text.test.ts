import { findIpsInText } from '../../src/trunks/find-ips.js';
import { findPhoneNumbersInText } from '../../src/trunks/phone-number.js';

// A trace as engineers paste it from sngrep or a softswitch log: IPv4, bracketed IPv6, ports, tags, SDP.
const SIP_INVITE = `INVITE sip:+442079460122@203.0.113.25:5060;user=phone SIP/2.0
Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds;rport
Via: SIP/2.0/TCP [2001:db8::1]:5060;branch=z9hG4bK-524287-1---5f1b2c;received=192.0.2.44
Max-Forwards: 70
From: "Alice" <sip:+15551230000@198.51.100.7>;tag=1928301774
To: <sip:+442079460122@203.0.113.25>
Call-ID: a84b4c76e66710@pc33.atlanta.example.com
Call-ID: 3848276298@198.51.100.7
CSeq: 314159 INVITE
Contact: <sip:+15551230000@[2001:0db8:0:0:0:0:0:1]:5060;transport=tcp>
Date: Fri, 10 Jan 2025 11:31:21 GMT
User-Agent: FPBX-16.0.40.7(18.22.0)
Server: Asterisk/18.12.1.2
P-Asserted-Identity: <tel:+44-20-7946-0123>
Content-Type: application/sdp
Content-Length: 142

v=0
o=- 2890844526 2890844526 IN IP4 198.51.100.7
s=-
c=IN IP4 198.51.100.50
t=0 0
m=audio 49170 RTP/AVP 0 8 101
a=rtpmap:101 telephone-event/8000
`;

const EMAIL = `Hi NOC,

Since 2025-01-10 11:31 (ticket #4512345) calls to (020) 7946-0122 and +1-555-123-0000 fail.
Our gateways are 203.0.113.25, 203.0.113.26 and 2001:db8:0:1::25; the whitelist is 198.51.100.0/24.
Please call me back on +44 20 7946 0999 or 07700 900123 before 10:30.
Version 2.4.1 of the firmware, SIP/2.0 traces attached. Not ours: 12.325.353.2.

Sent: 10.01.2025 09:15
`;

describe('a pasted SIP INVITE', () => {
  test('every address once, in order, canonical; versions and SDP placeholders left out', () => {
    expect(findIpsInText(SIP_INVITE)).toEqual([
      '203.0.113.25',
      '198.51.100.7',
      '2001:db8::1',
      '192.0.2.44',
      '198.51.100.50',
    ]);
  });

  test('the caller and callee numbers, not tags, Call-IDs, CSeq, ports or SDP session IDs', () => {
    expect(findPhoneNumbersInText(SIP_INVITE)).toEqual(['+442079460122', '+15551230000', '+44-20-7946-0123']);
  });
});

describe('a pasted email', () => {
  test('addresses, a range as its address; not dates, times, versions or junk', () => {
    expect(findIpsInText(EMAIL)).toEqual(['203.0.113.25', '203.0.113.26', '2001:db8:0:1::25', '198.51.100.0']);
  });

  test('numbers as written; not the ticket, the dates or the times', () => {
    expect(findPhoneNumbersInText(EMAIL)).toEqual([
      '(020) 7946-0122',
      '+1-555-123-0000',
      '+44 20 7946 0999',
      '07700 900123',
    ]);
  });
});

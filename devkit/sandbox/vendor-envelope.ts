/** The vendor's failure envelope: always HTTP 200, the error lives in `status`. */
export interface VendorError {
  status: number;
  reason: string;
  data: null;
}

/** Status codes the server sets itself; any other code can still be injected as a fault. */
export const VENDOR_STATUS = {
  unknownKey: -1,
  badSign: -2,
  timestampExpired: -16,
  parameterException: -22,
} as const;

// Reason texts as the vendor's status table words them.
const REASONS: Record<number, string> = {
  [-1]: 'Authentication error',
  [-2]: 'Authentication error',
  [-16]: 'Timestamp expires',
  [-18]: 'Port program unusual',
  [-20]: 'Data existing',
  [-22]: 'Parameter exception',
  [-23]: 'Data caps',
};

/** Builds a vendor failure envelope, using the vendor's reason text unless one is given. */
export function vendorError(status: number, reason?: string): VendorError {
  return { status, reason: reason ?? REASONS[status] ?? 'Unknown error', data: null };
}

/** The response example from ITNIO's SIP trunk query docs, verbatim: note the comma after `"number": null`. */
export const DOCUMENTED_EXAMPLE_BODY = `{
"status": 0,
"reason": "success",
"data": {
"total": 1,
"size": 50,
"current": 1,
"searchCount": true,
"pages": 1,
"records": [
{
"keyId": 5000028,
"sipGatewayIp": "12.325.353.2",
"sipWhiteIp": null,
"type": 1,
"state": 1,
"sipTrunkName": "22232",
"sipPrefix": null,
"ccIp": "0000.000.0.00",
"createTime": "2025-01-10 11:31:21",
"updateTime": "2025-01-10 11:31:21",
"groupList": [
{
"groupId": 1000026,
"groupName": "groupName1",
"number": null,
}
],
"sipAccount": null,
"sipPassword": null,
"sipTrunkState": false
}
]
}
}`;

/** A 200 body that does not parse: the vendor's own documented example, trailing comma and all. */
export const GARBAGE_BODY = DOCUMENTED_EXAMPLE_BODY;

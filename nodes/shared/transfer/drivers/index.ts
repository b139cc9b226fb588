// Picks the driver from the storage policy of the upload session (never from a listing: §3.3 load balancing).
import { NodeOperationError } from 'n8n-workflow';

import { multipartDriver } from './multipart';
import { onedriveDriver } from './onedrive';
import { qiniuDriver } from './qiniu';
import { relayDriver } from './relay';
import { remoteDriver } from './remote';
import type { DriverContext, UploadDriver } from './types';
import { upyunDriver } from './upyun';

export type { DriverContext, UploadDriver } from './types';

export const SUPPORTED_POLICY_TYPES = ['local', 'remote', 's3', 'ks3', 'cos', 'oss', 'obs', 'onedrive', 'qiniu', 'upyun'] as const;

export function driverFor(dc: DriverContext): UploadDriver {
	const policy = dc.session.storage_policy;
	if (policy.type === 'local' || policy.relay) return relayDriver(dc);
	switch (policy.type) {
		case 'remote':
			return remoteDriver(dc);
		case 's3':
		case 'ks3':
		case 'cos':
		case 'oss':
		case 'obs':
			return multipartDriver(dc);
		case 'onedrive':
			return onedriveDriver(dc);
		case 'qiniu':
			return qiniuDriver(dc);
		case 'upyun':
			return upyunDriver(dc);
		default:
			throw new NodeOperationError(dc.client.node, `Storage policy type "${policy.type}" is not supported for uploads`, {
				itemIndex: dc.itemIndex,
				description: `Supported: ${SUPPORTED_POLICY_TYPES.join(', ')}, and any policy with relay enabled. Ask the administrator to enable "relay" on this policy.`,
			});
	}
}

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mountStoragePolicy } from '../../../shared/api/files';
import { lockPolicyOption, withLockPolicy } from '../../../shared/api/locks';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { lockPolicyOf } from '../file/batch';

const show = { resource: ['folder'], operation: ['mountStoragePolicy'] };

export const description: INodeProperties[] = [
	{
		displayName: 'This operation needs Cloudreve Pro; a community server answers that the endpoint does not exist',
		name: 'proNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	locatorProperty({
		name: 'folder',
		displayName: 'Folder',
		target: 'folder',
		description: 'The folder whose new uploads should go to the storage policy',
		displayOptions: { show },
	}),
	{
		displayName: 'Storage Policy ID',
		name: 'policyId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'mqHp',
		description: 'ID of a storage policy your group may use (File → List shows the folder\'s current policy under storage_policy when Simplify is off)',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [lockPolicyOption],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uri = await readLocatorUri(this, client, 'folder', i);
	const policyId = String(this.getNodeParameter('policyId', i)).trim();
	if (!policyId) throw new NodeOperationError(this.getNode(), 'Storage Policy ID is empty', { itemIndex: i, description: 'Enter the ID of a storage policy, such as mqHp.' });
	await withLockPolicy(client, lockPolicyOf(this, i), async () => await mountStoragePolicy(client, uri, policyId, i), i);
	return { json: { success: true, uri, policyId } };
}

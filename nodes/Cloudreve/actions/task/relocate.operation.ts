import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { relocateStoragePolicy } from '../../../shared/api/tasks';
import { locatorProperty } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { additionalSourcesOption, readSources } from './common';
import { finishTaskOperation, waitProperties } from './wait';

const show = { resource: ['task'], operation: ['relocate'] };

export const description: INodeProperties[] = [
	{
		displayName: 'This operation needs Cloudreve Pro; a community server answers that the endpoint does not exist',
		name: 'proNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	locatorProperty({
		name: 'source',
		displayName: 'Source',
		target: 'any',
		description: 'The file or folder whose stored data moves to another storage policy. Add more under Options → Additional Sources.',
		displayOptions: { show },
	}),
	{
		displayName: 'Storage Policy ID',
		name: 'policyId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'xkOn',
		description: 'Hash ID of the target storage policy (User → List Storage Policies on Pro)',
		displayOptions: { show },
	},
	...waitProperties(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [additionalSourcesOption()],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const sources = await readSources(this, client, 'source', options.additionalSources, i);
	const policyId = String(this.getNodeParameter('policyId', i, '') ?? '').trim();
	if (policyId === '') {
		throw new NodeOperationError(this.getNode(), 'Storage Policy ID is empty', { itemIndex: i, description: 'Enter the hash ID of the target storage policy.' });
	}
	const task = await relocateStoragePolicy(client, sources, policyId, i);
	return await finishTaskOperation(this, client, [task], i);
}

import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { RESOURCES } from './actions/resources';
import { router } from './actions/router';
import { searchAll, searchFiles, searchFolders } from './methods/listSearch';
import { searchTrash } from './methods/listSearchTrash';

const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: RESOURCES.map((r) => r.resource).sort((a, b) => a.name.localeCompare(b.name)),
	default: 'file',
};

export class Cloudreve implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloudreve',
		name: 'cloudreve',
		icon: { light: 'file:cloudreve.svg', dark: 'file:cloudreve.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage files, folders, shares and tasks in Cloudreve v4 (self-hosted cloud drive)',
		defaults: { name: 'Cloudreve' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cloudreveApi', required: true }],
		properties: [
			resourceProperty,
			...RESOURCES.map((r) => r.operations),
			...RESOURCES.flatMap((r) => Object.values(r.modules).flatMap((m) => m.description)),
		],
	};

	methods = {
		listSearch: { searchAll, searchFiles, searchFolders, searchTrash },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

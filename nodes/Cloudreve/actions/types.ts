import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { CloudreveClient } from '../../shared/transport/client';

/** One operation file: its parameters and how it runs for one input item. */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, client: CloudreveClient): Promise<INodeExecutionData[] | INodeExecutionData>;
}

/** One resource: its operation selector and operation modules, keyed by operation value. */
export interface ResourceModule {
	/** The resource's `options` entry. */
	resource: { name: string; value: string; description?: string };
	operations: INodeProperties;
	modules: Record<string, OperationModule>;
}

// Helpers for the Task resource's integration tests: a signed-in credential per account, and runNode with
// n8n's binary helpers over in-memory binary items.
import type { INodeExecutionData, INodeType } from 'n8n-workflow';

import { byPath, errorOf, node, withMemoryBinaryHelpers } from './common';
import { CredentialStore, makeExecuteContext, type RunOptions } from './context';

export { binaryItem, storeFor } from './common';

export const cloudreveNode = node;

export const path = byPath;

/** runNode plus the binary helpers operations use. */
export async function runWithBinary(nodeType: INodeType, options: RunOptions): Promise<INodeExecutionData[][]> {
	const ctx = withMemoryBinaryHelpers(makeExecuteContext(nodeType, options), options.items ?? [{ json: {} }]);
	return (await nodeType.execute!.call(ctx)) as INodeExecutionData[][];
}

/** Runs the node and returns the first output's JSON items. */
export async function runTask(store: CredentialStore, parameters: Record<string, unknown>, opts: Partial<RunOptions> = {}) {
	const [out] = await runWithBinary(cloudreveNode, { parameters: { resource: 'task', ...parameters }, store, ...opts });
	return out;
}

/** Runs the node expecting an error; returns its message, description and error class. */
export async function runTaskError(store: CredentialStore, parameters: Record<string, unknown>, opts: Partial<RunOptions> = {}) {
	return await errorOf(runTask(store, parameters, opts));
}

import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { searchFolders } from '../Cloudreve/methods/listSearch';
import { toNodeError } from '../shared/errors';
import { readLocatorUri } from '../shared/locator';
import { getClient, type CloudreveClient } from '../shared/transport/client';

import { scopeHash, shouldSurfaceError, type ErrorState } from './cursor';
import { triggerProperties, type TriggerEvent } from './description';
import { pollFiles, sampleFiles, type FilePollContext } from './files.poll';
import type { FileFilters } from './filters';
import { pollTasks, sampleTasks, type TaskPollContext } from './tasks.poll';

/** Static data objects of workflows whose activation poll has run (n8n keeps one object per activation). */
const activated = new WeakSet<object>();

/** Without n8n's own budget (before 2.41), a poll stops reading after this long and returns what it has. */
const DEFAULT_BUDGET_MS = 4 * 60_000;

function pollDeadline(ctx: IPollFunctions): number {
	// n8n 2.41 gives each poll a time budget; older versions do not have the method (n8n-notes.md §0).
	const getBudget = (ctx as IPollFunctions & { getPollBudgetMs?: () => number }).getPollBudgetMs;
	const budget = typeof getBudget === 'function' ? Number(getBudget.call(ctx)) : NaN;
	return Date.now() + (Number.isFinite(budget) && budget > 0 ? budget * 0.8 : DEFAULT_BUDGET_MS);
}

async function fileContext(ctx: IPollFunctions, client: CloudreveClient, event: Exclude<TriggerEvent, 'taskFinished'>) {
	const folderUri = await readLocatorUri(ctx, client, 'folder', 0);
	const includeSubfolders = ctx.getNodeParameter('includeSubfolders', false) as boolean;
	const foldersToo = event === 'newFile' && ctx.getNodeParameter('watch', 'files') === 'all';
	const raw = ctx.getNodeParameter('filters', {}) as IDataObject;
	const filters: FileFilters = {
		category: typeof raw.category === 'string' ? raw.category : '',
		extensions: typeof raw.extensions === 'string' ? raw.extensions : '',
		namePattern: typeof raw.namePattern === 'string' ? raw.namePattern : '',
		minSize: Number(raw.minSize ?? 0) || 0,
		maxSize: Number(raw.maxSize ?? 0) || 0,
	};
	if (filters.maxSize && filters.minSize && filters.maxSize < filters.minSize) {
		throw new NodeOperationError(ctx.getNode(), 'Maximum Size is smaller than Minimum Size', {
			description: 'Set Maximum Size to 0 (no limit) or to a value at least as large as Minimum Size.',
		});
	}
	return { event, folderUri, includeSubfolders, foldersToo, filters };
}

export class CloudreveTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloudreve Trigger',
		name: 'cloudreveTrigger',
		icon: { light: 'file:cloudreve.svg', dark: 'file:cloudreve.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts a workflow when files arrive or change in Cloudreve, or when a task finishes',
		defaults: { name: 'Cloudreve Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cloudreveApi', required: true }],
		properties: triggerProperties,
	};

	methods = {
		listSearch: { searchFolders },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const manual = this.getMode() === 'manual';
		const staticData = this.getWorkflowStaticData('node');
		const firstPoll = !activated.has(staticData);
		activated.add(staticData);
		try {
			const result = await runPoll(this, manual, staticData);
			if (!manual) {
				delete staticData.errKey;
				delete staticData.errAt;
			}
			return result;
		} catch (error) {
			// A manual fetch and the activation poll always show their error (the latter fails activation).
			if (manual || firstPoll) throw toNodeError(this.getNode(), error);
			const key = `${(error as Error).name}:${(error as Error).message}`;
			const seen: ErrorState = { errKey: staticData.errKey as string | undefined, errAt: staticData.errAt as number | undefined };
			const { surface, state } = shouldSurfaceError(seen, key, Date.now());
			staticData.errKey = state.errKey;
			staticData.errAt = state.errAt;
			if (surface) throw toNodeError(this.getNode(), error);
			// The same failure again within the hour: note it instead of failing an execution every minute.
			this.logger.warn(`Cloudreve Trigger: poll failed again (${(error as Error).message}); reported at most once an hour`);
			return null;
		}
	}
}

async function runPoll(ctx: IPollFunctions, manual: boolean, staticData: IDataObject): Promise<INodeExecutionData[][] | null> {
	const client = await getClient(ctx);
	const event = ctx.getNodeParameter('event', 'newFile') as TriggerEvent;
	const simplify = ctx.getNodeParameter('simplify', true) as boolean;
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const emitExisting = options.emitExisting === true;
	const credentialId = ctx.getNode().credentials?.cloudreveApi?.id ?? '';
	const deadline = pollDeadline(ctx);

	if (event === 'taskFinished') {
		const statuses = ctx.getNodeParameter('statuses', ['completed']) as string[];
		const types = ctx.getNodeParameter('taskTypes', []) as string[];
		if (!statuses.length || !types.length) {
			throw new NodeOperationError(ctx.getNode(), statuses.length ? 'No task type is selected' : 'No status is selected', {
				description: 'Choose at least one status and one task type.',
			});
		}
		const watch = { statuses: [...statuses].sort(), types: [...types].sort() };
		const scope = scopeHash([credentialId, client.siteUrl, event, watch]);
		const tctx: TaskPollContext = { client, node: ctx.getNode(), watch, scope, staticData, emitExisting, simplify, deadline };
		return manual ? await sampleTasks(tctx) : await pollTasks(tctx);
	}

	const watch = await fileContext(ctx, client, event);
	const scope = scopeHash([credentialId, client.siteUrl, watch]);
	const downloadTo = ctx.getNodeParameter('downloadFile', false) ? String(ctx.getNodeParameter('binaryPropertyName', 'data')) : undefined;
	const fctx: FilePollContext = {
		client,
		node: ctx.getNode(),
		poll: ctx,
		watch,
		scope,
		staticData,
		emitExisting,
		simplify,
		downloadTo,
		deadline,
		now: Date.now(),
	};
	return manual ? await sampleFiles(fctx) : await pollFiles(fctx);
}

import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import {
  EnvironmentResource,
  EnvironmentWorkload,
} from '@plinth/plugin-orchestrator-common';
import { useMemo } from 'react';
import { ResourceGraphNode, resourceGraph } from '../../lib/resourceGraph';

const NODE_HEIGHT = 56;
const STATUS_WIDTH = 6;

const STATUS_TEXT: Record<EnvironmentResource['status'], string> = {
  ready: 'ready',
  provisioning: 'provisioning',
  deleting: 'deleting',
  failed: 'failed',
};

const useStyles = makeStyles(theme => ({
  box: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.divider,
    strokeWidth: 1,
  },
  workload: {
    fill: theme.palette.primary.main,
  },
  ready: { fill: theme.palette.success.main },
  provisioning: { fill: theme.palette.info.main },
  deleting: { fill: theme.palette.warning.main },
  failed: { fill: theme.palette.error.main },
  title: {
    fill: theme.palette.text.primary,
    fontWeight: 600,
    fontSize: 14,
  },
  detail: {
    fill: theme.palette.text.secondary,
    fontSize: 11,
  },
}));

/** The width a node needs for its longest line, roughly. */
function nodeWidth(title: string, detail: string): number {
  const widest = Math.max(title.length * 14 * 0.6, detail.length * 11 * 0.6);
  return Math.ceil(Math.max(150, widest + 40));
}

function GraphNode(props: {
  node: DependencyGraphTypes.DependencyNode<ResourceGraphNode>;
}) {
  const { node } = props;
  const classes = useStyles();
  const detail =
    node.kind === 'resource'
      ? `${node.detail} · ${STATUS_TEXT[node.status]}`
      : node.detail;
  const width = nodeWidth(node.title, detail);
  const band =
    node.kind === 'resource' ? classes[node.status] : classes.workload;
  // The hover text lists the outputs (secrets masked), as the table does.
  const hover = [
    `${node.title} (${detail})`,
    ...(node.lines.length > 0 ? node.lines : []),
  ].join('\n');
  return (
    <g role="img" aria-label={`${node.title}: ${detail}`}>
      <title>{hover}</title>
      <rect className={classes.box} width={width} height={NODE_HEIGHT} rx={6} />
      <rect className={band} width={STATUS_WIDTH} height={NODE_HEIGHT} rx={3} />
      <text className={classes.title} x={STATUS_WIDTH + 12} y={24}>
        {node.title}
      </text>
      <text className={classes.detail} x={STATUS_WIDTH + 12} y={42}>
        {detail}
      </text>
    </g>
  );
}

/**
 * An environment's resource graph: its workloads on the left, each with an
 * arrow to the resources it names, and each resource with an arrow to those
 * whose outputs it reads; a resource's band is the colour of its status and
 * its hover text lists its outputs, secrets masked.
 */
export function ResourceGraph(props: {
  workloads: ReadonlyArray<EnvironmentWorkload>;
  resources: ReadonlyArray<EnvironmentResource>;
}) {
  const { workloads, resources } = props;
  const classes = useStyles();
  const { nodes, edges } = useMemo(
    () =>
      resourceGraph(
        workloads.map(w => w.name),
        resources,
      ),
    [workloads, resources],
  );
  if (resources.length === 0) return null;
  return (
    <DependencyGraph<ResourceGraphNode, {}>
      nodes={nodes}
      edges={edges}
      direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
      nodeMargin={24}
      rankMargin={80}
      paddingX={12}
      paddingY={12}
      labelPosition={DependencyGraphTypes.LabelPosition.CENTER}
      showArrowHeads
      fit="contain"
      renderNode={({ node }) => <GraphNode node={node} />}
      renderLabel={({ edge }) => (
        <text className={classes.detail} textAnchor="middle">
          {edge.label}
        </text>
      )}
    />
  );
}

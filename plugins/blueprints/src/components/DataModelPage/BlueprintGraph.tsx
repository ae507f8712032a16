import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import { Blueprint } from '@plinth/plugin-blueprints-common';
import { KeyboardEvent, useMemo } from 'react';
import { portIcon } from '../../lib/icons';

/** A blueprint as the graph draws it. */
export interface BlueprintNodeData {
  title: string;
  icon?: string;
  propertyCount: number;
  relationCount: number;
  derivedCount: number;
}

/** The relations between two blueprints, as one edge. */
export interface BlueprintEdgeData {
  relations: Array<{
    key: string;
    title: string;
    many: boolean;
    required: boolean;
  }>;
}

const NODE_HEIGHT = 72;
const ICON_SIZE = 28;

const useStyles = makeStyles(theme => ({
  node: {
    cursor: 'pointer',
    outline: 'none',
    '&:hover rect, &:focus rect': {
      stroke: theme.palette.primary.main,
      strokeWidth: 2,
    },
  },
  box: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.divider,
    strokeWidth: 1,
  },
  iconBox: {
    fill: theme.palette.primary.main,
  },
  icon: {
    color: theme.palette.primary.contrastText,
  },
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

function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The width a node needs for its longest line, roughly. */
function nodeWidth(lines: string[], sizes: number[]): number {
  const widest = Math.max(
    ...lines.map((line, i) => line.length * sizes[i] * 0.6),
  );
  return Math.ceil(Math.max(170, widest + ICON_SIZE + 40));
}

function BlueprintNode(props: {
  node: DependencyGraphTypes.DependencyNode<BlueprintNodeData>;
  onSelect: (identifier: string) => void;
}) {
  const { node, onSelect } = props;
  const classes = useStyles();
  const Icon = portIcon(node.icon);
  const detail = [
    counted(node.propertyCount, 'property', 'properties'),
    counted(node.relationCount, 'relation', 'relations'),
  ].join(' · ');
  const lines = [node.title, node.id, detail];
  const width = nodeWidth(lines, [14, 11, 11]);
  const textX = ICON_SIZE + 26;
  const select = () => onSelect(node.id);
  return (
    <g
      className={classes.node}
      role="link"
      tabIndex={0}
      aria-label={`${node.title} blueprint`}
      onClick={select}
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key === 'Enter' || event.key === ' ') select();
      }}
    >
      <rect className={classes.box} width={width} height={NODE_HEIGHT} rx={8} />
      <rect
        className={classes.iconBox}
        x={10}
        y={(NODE_HEIGHT - ICON_SIZE - 8) / 2}
        width={ICON_SIZE + 8}
        height={ICON_SIZE + 8}
        rx={6}
      />
      <Icon
        className={classes.icon}
        x={14}
        y={(NODE_HEIGHT - ICON_SIZE) / 2}
        width={ICON_SIZE}
        height={ICON_SIZE}
        style={{ fontSize: ICON_SIZE }}
      />
      <text className={classes.title} x={textX} y={24}>
        {node.title}
      </text>
      <text className={classes.detail} x={textX} y={42}>
        {node.id}
      </text>
      <text className={classes.detail} x={textX} y={58}>
        {detail}
      </text>
    </g>
  );
}

/** The label of an edge: each relation's title, `(many)` where it holds many. */
export function edgeLabel(data: BlueprintEdgeData): string {
  return data.relations
    .map(r => `${r.title}${r.many ? ' (many)' : ''}${r.required ? ' *' : ''}`)
    .join(', ');
}

/**
 * The nodes and edges of the data model: one node per blueprint, one edge
 * per pair of related blueprints, labelled with the relations between them
 * (the graph draws at most one edge between two nodes).
 */
export function dataModelGraph(blueprints: Blueprint[]): {
  nodes: DependencyGraphTypes.DependencyNode<BlueprintNodeData>[];
  edges: DependencyGraphTypes.DependencyEdge<BlueprintEdgeData>[];
} {
  const ids = new Set(blueprints.map(b => b.identifier));
  const nodes = blueprints.map(blueprint => ({
    id: blueprint.identifier,
    title: blueprint.title ?? blueprint.identifier,
    icon: blueprint.icon,
    propertyCount: Object.keys(blueprint.schema.properties).length,
    relationCount: Object.keys(blueprint.relations ?? {}).length,
    derivedCount:
      Object.keys(blueprint.mirrorProperties ?? {}).length +
      Object.keys(blueprint.calculationProperties ?? {}).length +
      Object.keys(blueprint.aggregationProperties ?? {}).length,
  }));
  const edges = new Map<
    string,
    DependencyGraphTypes.DependencyEdge<BlueprintEdgeData>
  >();
  for (const blueprint of blueprints) {
    for (const [key, relation] of Object.entries(blueprint.relations ?? {})) {
      if (!ids.has(relation.target)) continue;
      const id = `${blueprint.identifier}\u0000${relation.target}`;
      const edge = edges.get(id) ?? {
        from: blueprint.identifier,
        to: relation.target,
        relations: [],
      };
      edge.relations.push({
        key,
        title: relation.title ?? key,
        many: relation.many === true,
        required: relation.required === true,
      });
      edges.set(id, edge);
    }
  }
  return {
    nodes,
    edges: [...edges.values()].map(edge => ({
      ...edge,
      label: edgeLabel(edge),
    })),
  };
}

/**
 * The data model as a graph, as Port's builder draws it: each blueprint with
 * its icon, title, identifier and counts; each relation an arrow from the
 * blueprint that holds it to its target, labelled with its title and `(many)`
 * when it holds many targets, `*` when it is required.
 */
export function BlueprintGraph(props: {
  blueprints: Blueprint[];
  onSelect: (identifier: string) => void;
}) {
  const { blueprints, onSelect } = props;
  const { nodes, edges } = useMemo(
    () => dataModelGraph(blueprints),
    [blueprints],
  );
  return (
    <DependencyGraph<BlueprintNodeData, BlueprintEdgeData>
      nodes={nodes}
      edges={edges}
      direction={DependencyGraphTypes.Direction.TOP_BOTTOM}
      nodeMargin={40}
      rankMargin={60}
      paddingX={20}
      paddingY={20}
      labelPosition={DependencyGraphTypes.LabelPosition.CENTER}
      showArrowHeads
      zoom="enable-on-click"
      renderNode={({ node }) => (
        <BlueprintNode node={node} onSelect={onSelect} />
      )}
    />
  );
}

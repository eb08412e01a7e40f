import { Flex, Radio, Typography } from 'antd';
import { useT } from '../../i18n';
import type { RubricItem } from './observations.api';

/** One rubric point as a row of big 1…max buttons (thumb-sized on a phone) with its descriptor. */
export function ScoreInput(props: {
  item: RubricItem;
  value?: number;
  onChange: (score: number) => void;
  disabled?: boolean;
}) {
  const t = useT();
  const { item } = props;
  const max = item.max > 0 && item.max <= 10 ? item.max : 5;
  return (
    <div data-testid={`obs-score-${item.key}`}>
      <Flex justify="space-between" align="baseline" gap={8}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {item.label}
        </Typography.Text>
        <Typography.Text type={props.value ? undefined : 'secondary'} style={{ whiteSpace: 'nowrap' }}>
          {props.value ? t('observation.scoreOf', { score: props.value }) : t('observation.notScored')}
        </Typography.Text>
      </Flex>
      {item.descriptor && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: '2px 0 8px' }}>
          {item.descriptor}
        </Typography.Paragraph>
      )}
      <Radio.Group
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => props.onChange(Number(event.target.value))}
        buttonStyle="solid"
        style={{ display: 'flex', width: '100%', marginTop: item.descriptor ? 0 : 8 }}
      >
        {Array.from({ length: max }, (_, index) => index + 1).map((score) => (
          <Radio.Button
            key={score}
            value={score}
            style={{ flex: 1, height: 48, lineHeight: '46px', textAlign: 'center', fontSize: 18, padding: 0 }}
            data-testid={`obs-score-${item.key}-${score}`}
          >
            {score}
          </Radio.Button>
        ))}
      </Radio.Group>
    </div>
  );
}

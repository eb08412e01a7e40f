import { DeleteOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Flex, Input, InputNumber, Typography } from 'antd';
import { useT } from '../../i18n';
import { type Criterion, defaultRubric } from './reviews.types';

/** The sum of a rubric's weights (must be 100). */
export function weightSum(rubric: Criterion[]): number {
  return rubric.reduce((sum, criterion) => sum + (criterion.weight || 0), 0);
}

/** A fresh key for a new criterion (keys are internal: lower-case letters and digits). */
function nextKey(rubric: Criterion[]): string {
  let n = rubric.length + 1;
  while (rubric.some((criterion) => criterion.key === `c${n}`)) n += 1;
  return `c${n}`;
}

/** Edits a weighted rubric (评价量表) as a controlled form value; shows the running sum of weights. */
export function RubricEditor({
  value = [],
  onChange,
}: {
  value?: Criterion[];
  onChange?: (next: Criterion[]) => void;
}) {
  const t = useT();
  const sum = weightSum(value);
  const set = (index: number, patch: Partial<Criterion>) =>
    onChange?.(value.map((criterion, i) => (i === index ? { ...criterion, ...patch } : criterion)));

  return (
    <Flex vertical gap={8} data-testid="rubric-editor">
      {value.map((criterion, index) => (
        <Flex key={criterion.key} gap={8} align="center">
          <Input
            value={criterion.label}
            onChange={(e) => set(index, { label: e.target.value })}
            placeholder={t('reviews.rubricLabel')}
            style={{ flex: 1 }}
            data-testid="rubric-label"
          />
          <InputNumber
            value={criterion.weight}
            min={1}
            max={100}
            onChange={(weight) => set(index, { weight: weight ?? 0 })}
            suffix="%"
            style={{ width: 110 }}
            data-testid="rubric-weight"
          />
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            disabled={value.length <= 1}
            onClick={() => onChange?.(value.filter((_, i) => i !== index))}
            aria-label={t('common.delete')}
          />
        </Flex>
      ))}
      <Flex justify="space-between" align="center">
        <Flex gap={8}>
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => onChange?.([...value, { key: nextKey(value), label: '', weight: 0 }])}
            data-testid="rubric-add"
          >
            {t('reviews.rubricAdd')}
          </Button>
          <Button size="small" icon={<UndoOutlined />} onClick={() => onChange?.(defaultRubric)}>
            {t('reviews.rubricReset')}
          </Button>
        </Flex>
        <Typography.Text type={sum === 100 ? 'success' : 'danger'} data-testid="rubric-sum">
          {t('reviews.rubricHint', { sum })}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}

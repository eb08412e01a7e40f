import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../i18n';

/** The header's search box: Enter opens the results page. */
export function SearchBox({ width = 260 }: { width?: number }) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const current = location.pathname === '/search' ? (params.get('q') ?? '') : '';
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  return (
    <Input
      allowClear
      prefix={<SearchOutlined style={{ color: '#8c8c8c' }} />}
      placeholder={t('search.placeholder')}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onPressEnter={() => {
        const q = text.trim();
        if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
      }}
      style={{ width }}
      data-testid="header-search"
    />
  );
}

import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { applyApiError } from '../../api/form-errors';
import { FormErrors } from '../../components/QueryState';
import { AREA_OF_ROLE, type Role } from '../../auth/types';

interface LoginForm {
  email: string;
  password: string;
}

/** What the registration page hands over when it sends the new admin here. */
export interface LoginState {
  email?: string;
  registered?: boolean;
}

/** Only paths of this site: `next` comes from the URL, so never an absolute or protocol-relative one. */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}

const home = (role: Role) => `/${AREA_OF_ROLE[role]}`;

export function LoginPage() {
  const { t } = useTranslation();
  const { login, me } = useAuth();
  const [form] = Form.useForm<LoginForm>();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const state = (useLocation().state ?? {}) as LoginState;
  const next = safeNext(params.get('next'));

  // Already logged in (e.g. the back button after logging in): straight on.
  if (me && !busy) return <Navigate to={next ?? home(me.user.role)} replace />;

  const onFinish = async (values: LoginForm) => {
    setBusy(true);
    setErrors([]);
    try {
      const user = await login(values.email.trim(), values.password);
      navigate(next ?? home(user.user.role), { replace: true });
    } catch (error) {
      setErrors(applyApiError(form, error));
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 420, margin: '32px auto' }}>
      <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 4 }}>
        {t('account.login.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('account.login.subtitle')}</Typography.Paragraph>
      {state.registered && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('account.login.registered')} />
      )}
      <FormErrors messages={errors} />
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        requiredMark={false}
        initialValues={{ email: state.email ?? '' }}
      >
        <Form.Item
          label={t('account.login.email')}
          name="email"
          rules={[
            { required: true, whitespace: true, message: t('account.login.emailRequired') },
            { type: 'email', message: t('account.login.emailInvalid') },
          ]}
        >
          <Input type="email" autoComplete="username" inputMode="email" autoFocus={!state.email} />
        </Form.Item>
        <Form.Item
          label={t('account.login.password')}
          name="password"
          rules={[{ required: true, message: t('account.login.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" autoFocus={!!state.email} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('common.nav.login')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 8, fontSize: 13 }}>
        {t('account.login.forgot')}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        <Link to="/register">{t('account.login.noAccount')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}

import { useState } from 'react';
import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { applyApiError } from '../../api/form-errors';
import { FormErrors } from '../../components/QueryState';
import { AccountPage } from './AccountNav';
import { passwordRules } from './RegisterPage';
import { PASSWORD_MAX_LENGTH } from './password';
import type { ChangePasswordBody } from './types';

interface PasswordForm extends ChangePasswordBody {
  confirmPassword: string;
}

/** `/account/password`: change my password (the API logs the other sessions out). */
export function PasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const [errors, setErrors] = useState<string[]>([]);

  const { me, login } = useAuth();
  const email = me?.user.email ?? '';

  const change = useMutation({
    mutationFn: async (body: ChangePasswordBody) => {
      await api.post<void>('/auth/change-password', body);
      // The API revokes every refresh token of the user, this browser's too: log in again with the new
      // password so this session does not end when its access token expires.
      await login(email, body.newPassword).catch(() => undefined);
    },
    onSuccess: () => {
      form.resetFields();
      void message.success(t('account.changePassword.done'));
    },
    onError: (error) => setErrors(applyApiError(form, error)),
  });

  return (
    <AccountPage>
      <Card style={{ maxWidth: 480 }}>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('account.changePassword.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('account.changePassword.intro')}</Typography.Paragraph>
        <FormErrors messages={errors} />
        <Form<PasswordForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={({ currentPassword, newPassword }) => {
            setErrors([]);
            change.mutate({ currentPassword, newPassword });
          }}
        >
          {/* The user name, hidden, lets password managers file the new password under the right account. */}
          <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
          <Form.Item
            label={t('account.changePassword.current')}
            name="currentPassword"
            rules={[{ required: true, message: t('account.changePassword.currentRequired') }]}
          >
            <Input.Password autoComplete="current-password" maxLength={PASSWORD_MAX_LENGTH} />
          </Form.Item>
          <Form.Item
            label={t('account.changePassword.new')}
            name="newPassword"
            extra={t('account.register.passwordHelp')}
            dependencies={['currentPassword']}
            rules={[
              ...passwordRules(t, 'account.changePassword.newRequired'),
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if (value && value === getFieldValue('currentPassword'))
                    throw new Error(t('account.changePassword.same'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH} />
          </Form.Item>
          <Form.Item
            label={t('account.changePassword.confirm')}
            name="confirmPassword"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('account.changePassword.confirmRequired') },
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if (value && value !== getFieldValue('newPassword'))
                    throw new Error(t('account.changePassword.mismatch'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('account.changePassword.submit')}
          </Button>
        </Form>
      </Card>
    </AccountPage>
  );
}

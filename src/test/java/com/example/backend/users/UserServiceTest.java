package com.example.backend.users;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.backend.access.Actor;
import com.example.backend.access.Role;
import com.example.backend.cache.Caches;
import com.example.backend.users.UserExceptions.LastAdminProtected;
import com.example.backend.users.UserExceptions.OwnRoleChangeForbidden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The admin rules, which an end-to-end test cannot reach without removing the shared
 * bootstrap admin: the last ADMIN stays, and nobody changes their own role.
 */
class UserServiceTest {

	private final UserRepository repository = mock(UserRepository.class);

	private final UserService service = new UserService(this.repository, mock(PasswordEncoder.class),
			mock(TransactionTemplate.class), mock(PasswordCheckThrottle.class), mock(ApplicationEventPublisher.class),
			Caches.local());

	private final User onlyAdmin = user(1, Role.ADMIN);

	@Test
	void lastAdminCannotBeDemoted() {
		when(this.repository.findById(1L)).thenReturn(Optional.of(this.onlyAdmin));
		when(this.repository.lockAllByRole(Role.ADMIN)).thenReturn(List.of(this.onlyAdmin));

		assertThatExceptionOfType(LastAdminProtected.class)
			.isThrownBy(() -> this.service.changeRole(new Actor(2, Role.ADMIN), 1, Role.USER));
		assertThat(this.onlyAdmin.getRole()).isEqualTo(Role.ADMIN);
	}

	@Test
	void lastAdminCannotBeDeleted() {
		when(this.repository.findById(1L)).thenReturn(Optional.of(this.onlyAdmin));
		when(this.repository.lockAllByRole(Role.ADMIN)).thenReturn(List.of(this.onlyAdmin));

		assertThatExceptionOfType(LastAdminProtected.class).isThrownBy(() -> this.service.delete(1));
		verify(this.repository, never()).delete(any());
	}

	@Test
	void adminCanBeDemotedWhileAnotherRemains() {
		User otherAdmin = user(3, Role.ADMIN);
		when(this.repository.findById(1L)).thenReturn(Optional.of(this.onlyAdmin));
		when(this.repository.lockAllByRole(Role.ADMIN)).thenReturn(List.of(this.onlyAdmin, otherAdmin));
		when(this.repository.saveAndFlush(this.onlyAdmin)).thenReturn(this.onlyAdmin);

		UserResponse demoted = this.service.changeRole(new Actor(3, Role.ADMIN), 1, Role.MODERATOR);

		assertThat(demoted.role()).isEqualTo(Role.MODERATOR);
		assertThat(this.onlyAdmin.getTokenVersion()).isEqualTo(1);
	}

	@Test
	void nobodyChangesTheirOwnRole() {
		assertThatExceptionOfType(OwnRoleChangeForbidden.class)
			.isThrownBy(() -> this.service.changeRole(new Actor(1, Role.ADMIN), 1, Role.USER));
		verify(this.repository, never()).findById(any());
	}

	private static User user(long id, Role role) {
		User user = new User("u" + id + "@test.local", "{noop}x", "User " + id, role);
		ReflectionTestUtils.setField(user, "id", id);
		return user;
	}

}

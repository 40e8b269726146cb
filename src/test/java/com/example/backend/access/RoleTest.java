package com.example.backend.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoleTest {

	@Test
	void eachRoleIncludesThePermissionsOfTheRoleBelow() {
		assertThat(Role.MODERATOR.permissions()).containsAll(Role.USER.permissions());
		assertThat(Role.ADMIN.permissions()).containsAll(Role.MODERATOR.permissions());
	}

	@Test
	void onlyAdminsManageUsersProductsAndOrders() {
		for (Permission permission : new Permission[] { Permission.USER_MANAGE, Permission.PRODUCT_MANAGE,
				Permission.ORDER_MANAGE, Permission.METRICS_READ }) {
			assertThat(Role.ADMIN.grants(permission)).isTrue();
			assertThat(Role.MODERATOR.grants(permission)).isFalse();
			assertThat(Role.USER.grants(permission)).isFalse();
		}
	}

	@Test
	void moderatorsModeratePostsAndReadProfiles() {
		assertThat(Role.MODERATOR.grants(Permission.POST_MODERATE)).isTrue();
		assertThat(Role.MODERATOR.grants(Permission.USER_READ)).isTrue();
		assertThat(Role.USER.grants(Permission.POST_MODERATE)).isFalse();
		assertThat(Role.USER.grants(Permission.USER_READ)).isFalse();
	}

	@Test
	void actorOwnsOrOverrides() {
		Actor user = new Actor(7, Role.USER);
		Actor moderator = new Actor(8, Role.MODERATOR);

		assertThat(user.ownsOr(7, Permission.POST_MODERATE)).isTrue();
		assertThat(user.ownsOr(9, Permission.POST_MODERATE)).isFalse();
		assertThat(moderator.ownsOr(9, Permission.POST_MODERATE)).isTrue();
	}

}
